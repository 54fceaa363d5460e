// Runs in the renderer. Saving a record another seat may change at the same time (docs/
// architecture.md, "Versions and conflicts"): a form remembers the version it was opened on and
// sends it as baseVersion; when the save is refused because someone changed the record meanwhile,
// the form says who and when, the record is read again so the person sees what it is now, and
// what they typed stays in the form. Nothing is sent again by itself: the next save is the
// person's own, made on the version they now see.
import { Alert } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { ApiCallError } from '../api.js';

/** A refusal the form answers by reading the record again (a conflict: changed or decided meanwhile). */
export const isConflict = (e: unknown): e is ApiCallError => e instanceof ApiCallError && e.error.code === 'conflict';

export interface SaveConflict {
  /** The version the form was opened on (or read again after a refusal): the save's baseVersion. */
  base: number;
  /** The form opens on this version; any earlier refusal is forgotten. */
  open(version: number): void;
  /**
   * After a failed save: for a conflict, shows its message, reads the record again (`reload`
   * answers the version now in force, or null) and takes that version for the person's next
   * save; answers true. Other errors answer false, for the caller to show.
   */
  refused(e: unknown, reload: () => Promise<number | null | undefined>): Promise<boolean>;
  /** The refusal's message over the form while it is open (null when there is none). */
  alert: ReactNode;
}

/** `opened`: the version on screen as a form that opens with its component is mounted. */
export function useSaveConflict(opened = 0): SaveConflict {
  const [base, setBase] = useState(opened);
  const [said, setSaid] = useState<string | null>(null);
  const open = useCallback((version: number) => {
    setBase(version);
    setSaid(null);
  }, []);
  const refused = useCallback(async (e: unknown, reload: () => Promise<number | null | undefined>) => {
    if (!isConflict(e)) return false;
    setSaid(e.message);
    const now = await reload().catch(() => null);
    if (typeof now === 'number') setBase(now);
    return true;
  }, []);
  const alert = said ? <Alert type="warning" showIcon message={said} style={{ marginBottom: 12 }} data-testid="save-conflict" /> : null;
  return { base, open, refused, alert };
}
