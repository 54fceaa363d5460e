// Runs in the renderer. Ctrl+Enter (⌘+Enter) saves the dialog it is typed in, in every dialog: a
// multi-line field keeps Enter for its line breaks, and a reviewing leader never needs the mouse.
// The dialog's primary button is pressed, so the dialog's own checks and saving run as on a click.
export function dialogKeys(root: Document = document): () => void {
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
  return () => root.removeEventListener('keydown', onKey, true);
}
