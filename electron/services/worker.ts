// Runs in Electron's main process and in plain Node. Starts a worker thread on a module that sits
// beside the caller: the built .js in the app, the .ts with tsx's loader under tsx (CLI, tests,
// bench). The one way the services start threads.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `options`: e.g. resourceLimits (a heap cap) and transferList (a buffer handed over, not copied). */
export function startWorker(callerUrl: string, name: string, workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits' | 'transferList'> = {}): Worker {
  const ts = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}.${ts ? 'ts' : 'js'}`, callerUrl);
  return ts
    ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`, { eval: true, workerData, ...options })
    : new Worker(entry, { workerData, ...options });
}
