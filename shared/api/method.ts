// Pure code: runs anywhere. How a contract method is declared: its input schema, and its output
// type carried as a phantom.
import { z } from 'zod';

export interface MethodSpec<S extends z.ZodType, O> {
  input: S;
  /** Phantom: carries the output type only. */
  output?: O;
}

export const method =
  <O>() =>
  <S extends z.ZodType>(input: S): MethodSpec<S, O> => ({ input });

/** Input of a method that takes nothing. */
export const noInput = z.object({}).strict();

/** A database row id. */
export const idSchema = z.number({ error: 'validation.id' }).int({ error: 'validation.id' }).positive({ error: 'validation.id' });

/**
 * The version of a record a write was made on, as the read handed it out (0: nobody changed it
 * yet). A write on an older version is refused (docs/architecture.md, "Versions and conflicts").
 */
export const baseVersionSchema = z.number({ error: 'validation.baseVersion' }).int({ error: 'validation.baseVersion' }).min(0, { error: 'validation.baseVersion' });
