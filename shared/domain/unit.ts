// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// A reporting unit (报送单位): a district, county or department that must report incidents to the
// duty room. Units are never deleted, only deactivated, so old incidents keep their unit.
import { z } from 'zod';
import { lineText, textField } from './safe-text.js';

export const UNIT_KINDS = ['district', 'county', 'department', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  dutyPhone: string;
  fax: string;
  contactName: string;
  contactTitle: string;
  contactPhone: string;
  address: string;
  notes: string;
  /** Other names the unit is called by (简称、别名): intake finds the unit by them. */
  aliases: string[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

// Error messages are i18n keys (shared/i18n), translated where a person reads them.
const phone = (required: boolean) => {
  const base = lineText(z.string({ error: 'validation.text' }).trim().max(40, { error: 'validation.phoneTooLong' }));
  const pattern = /^(?=(?:\D*\d){3})[0-9+\-()（）\s转#,，;；/]*$/;
  return required
    ? base.min(1, { error: 'unit.dutyPhoneRequired' }).regex(pattern, { error: 'validation.phone' })
    : base.refine((s) => s === '' || pattern.test(s), { error: 'validation.phone' });
};

const text = textField;

export const unitFieldsSchema = z.object({
  name: lineText(z.string({ error: 'unit.nameRequired' }).trim().min(1, { error: 'unit.nameRequired' }).max(60, { error: 'validation.tooLong' })),
  kind: z.enum(UNIT_KINDS, { error: 'unit.kindRequired' }),
  dutyPhone: phone(true),
  fax: phone(false).default(''),
  contactName: text(30).default(''),
  contactTitle: text(30).default(''),
  contactPhone: phone(false).default(''),
  address: text(200).default(''),
  notes: text(1000, 'multiLine').default(''),
  aliases: z
    .array(lineText(z.string({ error: 'validation.text' }).trim().min(1, { error: 'unit.aliasEmpty' }).max(60, { error: 'validation.tooLong' })), { error: 'validation.text' })
    .max(20, { error: 'unit.tooManyAliases' })
    .default([]),
});
/** A unit's fields as a service takes them: aliases may be left out (none). */
export type UnitFields = Omit<z.infer<typeof unitFieldsSchema>, 'aliases'> & { aliases?: string[] | undefined };
export type UnitFieldsInput = z.input<typeof unitFieldsSchema>;

