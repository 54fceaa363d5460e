// Pure code: runs anywhere. The one contract between the renderer and the main process: each
// method's name, its input schema (validated by the dispatcher before any service runs) and its
// output type. Both transports (Electron IPC and browser-mode HTTP) carry exactly these methods.
import type { z } from 'zod';
import { appMethods } from './methods/app.js';
import { auditMethods } from './methods/audit.js';
import { incidentMethods } from './methods/incidents.js';
import { periodMethods } from './methods/periods.js';
import { roomMethods } from './methods/room.js';
import { noticeMethods } from './methods/notices.js';
import { backupMethods } from './methods/backup.js';
import { bulletinMethods } from './methods/bulletin.js';
import { rosterMethods } from './methods/roster.js';
import { ruleMethods } from './methods/rules.js';
import { statsMethods } from './methods/stats.js';
import { unitMethods } from './methods/units.js';
import { userMethods } from './methods/users.js';

export type { AppInfo } from './methods/app.js';

// One line per domain; each domain's methods live in methods/<domain>.ts.
export const contract = {
  ...appMethods,
  ...auditMethods,
  ...backupMethods,
  ...incidentMethods,
  ...unitMethods,
  ...rosterMethods,
  ...bulletinMethods,
  ...userMethods,
  ...statsMethods,
  ...periodMethods,
  ...noticeMethods,
  ...ruleMethods,
  ...roomMethods,
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
