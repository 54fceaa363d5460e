// Runs in the renderer. Whether this seat can reach the host that holds the record, as one store
// every part of the UI reads: the API client reports a call that could not reach the host, the live
// channel reports its stream dropping and coming back. 'lost' shows the red banner at once; forms
// keep what is typed (drafts) and saves wait for 'online' to send again.
export type HostState = 'online' | 'lost';

type Listener = (state: HostState, since: number) => void;

let state: HostState = 'online';
let since = Date.now();
const listeners = new Set<Listener>();

function set(next: HostState): void {
  if (next === state) return;
  state = next;
  since = Date.now();
  for (const l of listeners) l(state, since);
}

/** The host did not answer (network error, connection refused, the live stream dropped). */
export function reportHostLost(): void {
  set('lost');
}

/** The host answered again. */
export function reportHostBack(): void {
  set('online');
}

export function hostState(): { state: HostState; since: number } {
  return { state, since };
}

/** Told at every change of state; answers the unsubscribe. */
export function onHostState(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
