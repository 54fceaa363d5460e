// Pure code: runs anywhere. English strings: a seat that lost the host (issue 19).
import type { connectionZhCN } from '../zh-cn/connection.js';

export const connectionEn: Record<keyof typeof connectionZhCN, string> = {
  'request.badKey': 'Malformed request key (Idempotency-Key): 16–100 letters, digits, - or _',
  'request.keyTaken': 'This request key was already used by another action; nothing was saved',
  'request.alreadySaved': 'Already saved (the host stopped before its answer arrived); the page reloads to show what was saved',
  'host.lost': 'Lost the duty room host (since {since}) — retrying; what is being typed is kept on this computer and sent when the host is back',
  'host.pending': '{count} waiting to be sent',
  'host.back': 'Host is back, {count} sent',
  'host.backNone': 'Reconnected to the duty room host',
  'host.pendingSignIn': '{count} saves waiting: sent once you sign in',
  'host.refused': 'A queued save was refused by the host: {message} (what you typed is still in the draft on this computer)',
  'host.queued': 'The host cannot be reached: queued, sent automatically when it is back (what you typed is kept on this computer)',
  'draft.restored': 'Restored an unsent draft (saved {time})',
  'draft.discard': 'Discard draft',
  'draft.discarded': 'Draft discarded',
};
