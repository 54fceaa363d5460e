// Runs in the renderer. Tab always moves on after a choice in a dropdown. Ant Design's select,
// just after Enter chose an option, can take a Tab to pick again and keep the focus, or give the
// focus back to itself a moment after the Tab moved it on: an officer's next keystrokes (a unit's
// phone number once) then went into the wrong field. Both are undone here: where a select kept
// the focus through a Tab, or took it back within a moment without a click, the focus moves to the
// next (Shift: previous) field of the same form or dialog.
const TABBABLE = 'input:not([type=hidden]), select, textarea, button, a[href], [tabindex]';
/** How long after a Tab out of a select its taking the focus back counts as the select's doing. */
const TAKE_BACK_MS = 500;

function tabbables(scope: ParentNode): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
  );
}

function focusNext(from: HTMLElement, backwards: boolean): void {
  const scope = from.closest('.ant-modal-wrap') ?? document;
  const all = tabbables(scope);
  const next = all[all.indexOf(from) + (backwards ? -1 : 1)];
  next?.focus();
}

export function tabMovesOn(root: Document = document): () => void {
  let lastTab: { from: HTMLElement; at: number; backwards: boolean } | null = null;
  let lastPointer = 0;
  // On the way down, note the Tab; on the way back up, after the select has handled it, move on
  // at once where the select kept the key for itself (so the next keystrokes land in the next field).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.target;
    if (!(el instanceof HTMLElement) || !el.closest('.ant-select')) return;
    lastTab = { from: el, at: performance.now(), backwards: e.shiftKey };
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !lastTab || e.target !== lastTab.from || !e.defaultPrevented) return;
    if (document.activeElement === lastTab.from) focusNext(lastTab.from, lastTab.backwards);
  };
  const onPointer = () => {
    lastPointer = performance.now();
  };
  const onFocus = (e: FocusEvent) => {
    const t = lastTab;
    if (!t || e.target !== t.from) return;
    const now = performance.now();
    if (now - t.at > TAKE_BACK_MS || lastPointer > t.at) return;
    lastTab = null;
    focusNext(t.from, t.backwards);
  };
  root.addEventListener('keydown', onKeyDown, true);
  root.addEventListener('keydown', onKeyUp);
  root.addEventListener('pointerdown', onPointer, true);
  root.addEventListener('focusin', onFocus, true);
  return () => {
    root.removeEventListener('keydown', onKeyDown, true);
    root.removeEventListener('keydown', onKeyUp);
    root.removeEventListener('pointerdown', onPointer, true);
    root.removeEventListener('focusin', onFocus, true);
  };
}
