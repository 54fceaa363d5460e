// Pure code: runs anywhere. The one contract between the renderer and the main process: each
// method's name, its input schema (validated by the dispatcher before any service runs) and its
// output type. Both transports (Electron IPC and browser-mode HTTP) carry exactly these methods.
import { z } from 'zod';
import { settingsSchema, type Settings } from '../domain/settings.js';
import { unitFieldsSchema, unitIdSchema, type Unit } from '../domain/unit.js';

interface MethodSpec<S extends z.ZodType, O> {
  input: S;
  /** Phantom: carries the output type only. */
  output?: O;
}
const method =
  <O>() =>
  <S extends z.ZodType>(input: S): MethodSpec<S, O> => ({ input });

const none = z.object({}).strict();
const byId = z.object({ id: unitIdSchema }).strict();

export interface AppInfo {
  productName: string;
  version: string;
  schemaVersion: number;
  dbPath: string;
  transport: 'electron' | 'http';
  now: number;
}

export const contract = {
  'app.info': method<AppInfo>()(none),
  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsSchema.partial().strict()),

  'units.list': method<Unit[]>()(
    z
      .object({
        query: z.string().trim().max(60).optional(),
        includeInactive: z.boolean().optional(),
      })
      .strict(),
  ),
  'units.get': method<Unit>()(byId),
  'units.create': method<Unit>()(unitFieldsSchema.strict()),
  'units.update': method<Unit>()(unitFieldsSchema.extend({ id: unitIdSchema }).strict()),
  'units.deactivate': method<Unit>()(byId),
  'units.reactivate': method<Unit>()(byId),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults not yet applied). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type Parsed<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
type Domain = DomainOf<MethodName>;

/** The typed client both transports present: `api.units.list({ query })`. */
export type Client = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}.${infer L}` ? L : never]: (input: Input<M>) => Promise<Output<M>>;
  };
};

/** Builds the nested client over one `call(method, input)` function. */
export function buildClient(call: (method: MethodName, input: unknown) => Promise<unknown>): Client {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, leaf] = name.split('.') as [string, string];
    (client[domain] ??= {})[leaf] = (input: unknown) => call(name, input ?? {});
  }
  return client as unknown as Client;
}
