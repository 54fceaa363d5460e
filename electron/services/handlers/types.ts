// Runs in Electron's main process and in plain Node. The handler types, per domain.
import type { MethodName, Output, Parsed } from '../../../shared/api/contract.js';
import type { ServiceContext } from '../context.js';

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: Parsed<M>) => Output<M> | Promise<Output<M>>;

/** Handlers of the methods whose names start with one of the prefixes (e.g. 'units.'). */
export type HandlersOf<P extends string> = {
  [M in MethodName as M extends `${P}${string}` ? M : never]: Handler<M>;
};

export type Handlers = { [M in MethodName]: Handler<M> };
