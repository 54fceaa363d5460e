// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// A person (人员) who can be rostered: a leader on duty (带班领导), a duty officer (值班员), or both.
// People are never deleted, only deactivated, so past rosters keep their names.
import { z } from 'zod';
import { lineText, textField } from './safe-text.js';

export const ROLES = ['leader', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: number;
  name: string;
  phone: string;
  roles: Role[];
  /** The app account linked to this person (issue 7 links users); null until then. */
  account: string | null;
  notes: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

const PHONE = /^(?=(?:\D*\d){3})[0-9+\-()（）\s转#,，;；/]*$/;

export const personFieldsSchema = z.object({
  name: lineText(z.string({ error: 'person.nameRequired' }).trim().min(1, { error: 'person.nameRequired' }).max(30, { error: 'validation.tooLong' })),
  phone: lineText(
    z
      .string({ error: 'person.phoneRequired' })
      .trim()
      .min(1, { error: 'person.phoneRequired' })
      .max(40, { error: 'validation.phoneTooLong' })
      .regex(PHONE, { error: 'validation.phone' }),
  ),
  roles: z.array(z.enum(ROLES, { error: 'person.rolesRequired' })).min(1, { error: 'person.rolesRequired' }).max(2),
  account: lineText(z.string().trim().max(60, { error: 'validation.tooLong' })).nullable().default(null),
  notes: textField(500, 'multiLine').default(''),
});
export type PersonFields = z.infer<typeof personFieldsSchema>;
export type PersonFieldsInput = z.input<typeof personFieldsSchema>;
