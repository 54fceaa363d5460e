// Runs in the renderer. Drafts kept on this computer (issue 19): what a person types into a form is
// written to localStorage as they type, per signed-in user and form (a form of one incident names
// the incident: a draft never opens in another). It survives the host being lost, a reload, the
// lock screen and a restart of the app; it is restored when the form opens (the form says so, with
// the time it was kept, and offers to discard it) and cleared once its save succeeded. A draft holds
// the typed fields only, never a time the server stamps or a time taken from this computer's clock.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface DraftRef {
  /** The signed-in person's username. */
  user: string;
  /** The form, and what it is of: `intake:new`, `intake:incident:12`, `handover:note` … */
  form: string;
}

interface Stored {
  /** When it was kept (this computer's clock: only shown, never sent). */
  savedAt: number;
  value: unknown;
}

const PREFIX = 'duty.draft.v1:';
const storageKey = (ref: DraftRef) => `${PREFIX}${ref.user}:${ref.form}`;

function read(ref: DraftRef): Stored | null {
  try {
    const raw = localStorage.getItem(storageKey(ref));
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored;
    return typeof s.savedAt === 'number' && 'value' in s ? s : null;
  } catch {
    return null;
  }
}

/** The draft's value and when it was kept, or null. */
export function readDraft<T>(ref: DraftRef): { value: T; savedAt: number } | null {
  const s = read(ref);
  return s ? { value: s.value as T, savedAt: s.savedAt } : null;
}

/** The draft's value as text (to tell later whether it changed), or null without one. */
export function draftText(ref: DraftRef): string | null {
  const s = read(ref);
  return s ? JSON.stringify(s.value) : null;
}

export function writeDraft(ref: DraftRef, value: unknown, savedAt = Date.now()): void {
  try {
    localStorage.setItem(storageKey(ref), JSON.stringify({ savedAt, value } satisfies Stored));
  } catch {
    // A full store: the form still works, only without its draft.
  }
}

const clearedListeners = new Set<(ref: DraftRef) => void>();
const same = (a: DraftRef, b: DraftRef) => a.user === b.user && a.form === b.form;

/** Removes the draft (its save succeeded, or the person discarded it); open forms of it empty. */
export function clearDraft(ref: DraftRef): void {
  try {
    localStorage.removeItem(storageKey(ref));
  } catch {
    // nothing kept
  }
  for (const l of clearedListeners) l(ref);
}

/** Clears the draft if it still is `snapshot` (what was saved); a draft typed on since is kept. */
export function clearDraftIf(ref: DraftRef, snapshot: string | null): void {
  const now = draftText(ref);
  if (now === null || snapshot === null || now === snapshot) clearDraft(ref);
}

/** Told when a draft is cleared (by a save that went through while its form was open elsewhere). */
export function onDraftCleared(listener: (ref: DraftRef) => void): () => void {
  clearedListeners.add(listener);
  return () => void clearedListeners.delete(listener);
}

export interface DraftState {
  /** When the draft restored into the form was kept, or null (nothing restored). */
  restoredAt: number | null;
  /** Throws the draft away and empties the form. */
  discard(): void;
}

/**
 * Keeps a form's `value` as its draft while it differs from `empty`; when the form opens (or `ref`
 * changes), a draft kept before is given to `apply`. `ref` null: no draft (nobody signed in).
 */
export function useDraft<T>(ref: DraftRef | null, value: T, empty: T, apply: (value: T) => void): DraftState {
  const [restoredAt, setRestoredAt] = useState<number | null>(null);
  const key = ref ? storageKey(ref) : null;
  const loaded = useRef<string | null>(null);
  /** The value restored and not yet rendered: the form's old (empty) value must not overwrite it. */
  const restoring = useRef(false);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const emptyText = JSON.stringify(empty);
  const emptyRef = useRef(empty);
  emptyRef.current = empty;

  // Restore first: nothing is written for a form until its draft was read.
  useEffect(() => {
    if (!ref) return;
    const d = readDraft<T>(ref);
    if (d && JSON.stringify(d.value) !== emptyText) {
      restoring.current = true;
      applyRef.current(d.value);
      setRestoredAt(d.savedAt);
    } else setRestoredAt(null);
    loaded.current = key;
    return onDraftCleared((r) => {
      if (!same(r, ref)) return;
      setRestoredAt(null);
      applyRef.current(emptyRef.current);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per form (its key)
  }, [key]);

  const text = JSON.stringify(value);
  useEffect(() => {
    if (!ref || loaded.current !== key) return;
    if (restoring.current) {
      restoring.current = false;
      return;
    }
    if (text === emptyText) {
      try {
        localStorage.removeItem(storageKey(ref));
      } catch {
        // nothing kept
      }
    } else if (draftText(ref) !== text) writeDraft(ref, value);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the value's text says when it changed
  }, [key, text, emptyText]);

  const discard = useCallback(() => {
    if (ref) clearDraft(ref);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { restoredAt, discard };
}
