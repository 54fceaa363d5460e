// Runs in the renderer. Dialogs by keyboard, in every dialog:
// - Ctrl+Enter (⌘+Enter) saves the dialog it is typed in: a multi-line field keeps Enter for its
//   line breaks, and a reviewing leader never needs the mouse. The dialog's primary button is
//   pressed, so the dialog's own checks and saving run as on a click.
// - The first field has the focus as soon as the dialog opens: Ant Design focuses the dialog box
//   itself once its opening animation ends, which took the focus from a field that had it and lost
//   the first keystrokes typed into the unit dialog. Focus given to the box goes to its first field.
const FIELD = 'input:not([type=hidden]):not([disabled]):not([readonly]), textarea:not([disabled]), [contenteditable="true"]';

function firstField(box: Element): HTMLElement | null {
  const preferred = box.querySelector<HTMLElement>('[autofocus], [data-autofocus]');
  if (preferred && preferred.getClientRects().length > 0) return preferred;
  return [...box.querySelectorAll<HTMLElement>(FIELD)].find((el) => el.getClientRects().length > 0) ?? null;
}

export function dialogKeys(root: Document = document): () => void {
  let lastField: { box: Element; field: HTMLElement } | null = null;
  // A click into the box (on a label, a checkbox's text) focuses the box too: that one is the
  // person's doing and stays as it is.
  let lastPointer = -Infinity;
  const onPointer = (e: PointerEvent) => {
    if (e.target instanceof Element && e.target.closest('.ant-modal')) lastPointer = performance.now();
  };
  const onFocus = (e: FocusEvent) => {
    if (performance.now() - lastPointer < 500) return;
    const el = e.target;
    if (!(el instanceof HTMLElement)) return;
    const box = el.closest('.ant-modal');
    if (!box) return;
    if (el.matches(FIELD)) {
      lastField = { box, field: el };
      return;
    }
    // The box itself (or its wrapper) took the focus: hand it to the field that had it, else the first.
    if (el.matches('.ant-modal, .ant-modal-wrap, .ant-modal-content, .ant-modal-section, [role="dialog"]') || el.tabIndex < 0) {
      const field = lastField && lastField.box === box && lastField.field.isConnected ? lastField.field : firstField(box);
      if (field && field !== el) field.focus();
    }
  };
  root.addEventListener('focusin', onFocus, true);
  root.addEventListener('pointerdown', onPointer, true);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || !(e.target instanceof Element)) return;
    const dialog = e.target.closest('.ant-modal');
    const ok = dialog?.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary:not([disabled])');
    if (!ok) return;
    e.preventDefault();
    e.stopPropagation();
    ok.click();
  };
  root.addEventListener('keydown', onKey, true);
  return () => {
    root.removeEventListener('keydown', onKey, true);
    root.removeEventListener('focusin', onFocus, true);
    root.removeEventListener('pointerdown', onPointer, true);
  };
}
