// Runs in Electron's main process and in plain Node. What the record's writers tell the seats: after
// every committed write transaction (electron/services/context.ts `inWriteTransaction`), the tables
// it changed, who wrote and when, with a sequence number per process. The room's live channel
// (server-sent events) and the Electron window listen here; nothing is published for a write that
// rolled back, and a nested transaction publishes once, with the outer commit.
export interface Change {
  /** 1, 2, 3 … per process: a listener that missed one knows to read everything again. */
  seq: number;
  /** The instant of the commit on the context's clock. */
  at: number;
  /** The tables of the record the transaction wrote (audit_log included), sorted. */
  tables: string[];
  /** The writer (`user:<name>`, `os:<account>`, `system:…`). */
  actor: string;
  /** The seat that wrote, when the call came from one. */
  seat?: string;
}

export type ChangeListener = (change: Change) => void;

export class ChangeBus {
  private seqNo = 0;
  private readonly listeners = new Set<ChangeListener>();

  /** The sequence number of the last change published (0 before any). */
  get seq(): number {
    return this.seqNo;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  publish(change: Omit<Change, 'seq'>): Change {
    const full: Change = { ...change, seq: ++this.seqNo };
    for (const l of this.listeners) {
      try {
        l(full);
      } catch {
        // A listener's failure (a closed socket) is its own; the write has committed.
      }
    }
    return full;
  }
}
