// Pure code: runs anywhere. The one check every schema that takes text a person typed applies:
// no control characters (C0, DEL, C1, NUL), no Unicode bidirectional controls that reorder what is
// shown (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) and no lone surrogates. A name stays on one
// line; a multi-line text (notes, summaries, reasons, notices) keeps line breaks and tabs. Without
// it, a unit named "\u202Egnp.exe" showed in the bulletin as "exe.png".
import { z } from 'zod';

const BIDI = '\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]|${LONE_SURROGATE}`);
const UNSAFE_MULTI_LINE = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${BIDI}]|${LONE_SURROGATE}`);

/** The message key of every such refusal; the dispatcher fills in the field's name. */
export const UNSAFE_TEXT_KEY = 'validation.unsafeText';

/** Whether `text` holds a character a `kind` field refuses. */
export function hasUnsafeText(text: string, kind: 'line' | 'multiLine' = 'line'): boolean {
  return (kind === 'line' ? UNSAFE_LINE : UNSAFE_MULTI_LINE).test(text);
}

/** A one-line text (a name, a place, a phone): no control characters at all, no bidi controls. */
export function lineText(base: z.ZodString = z.string({ error: 'validation.text' })): z.ZodString {
  return base.refine((s) => !hasUnsafeText(s, 'line'), { error: UNSAFE_TEXT_KEY });
}

/** A multi-line text (notes, a summary, a reason, a notice): line breaks and tabs kept, other controls refused. */
export function multiLineText(base: z.ZodString = z.string({ error: 'validation.text' })): z.ZodString {
  return base.refine((s) => !hasUnsafeText(s, 'multiLine'), { error: UNSAFE_TEXT_KEY });
}

/** The usual trimmed text field with a length cap, one-line or multi-line. */
export function textField(max: number, kind: 'line' | 'multiLine' = 'line'): z.ZodString {
  const base = z.string({ error: 'validation.text' }).trim().max(max, { error: 'validation.tooLong' });
  return kind === 'line' ? lineText(base) : multiLineText(base);
}
