// Runs in the renderer. Everywhere a form is pre-filled, typing replaces what is there: a one-line
// text field that gets the focus with text in it has that text selected. (An officer tabbing into
// a pre-filled 来报单位 and typing 南湖区 saved "南湖区南湖区" with the cursor left at the end.)
// Multi-line fields keep the cursor: a note is added to, not retyped. `data-keep-caret` opts out.
const ONE_LINE = new Set(['text', 'search', 'tel', 'email', 'url', 'number', '']);

export function selectOnFocus(root: Document = document): () => void {
  const onFocus = (e: FocusEvent) => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || !ONE_LINE.has(el.type) || el.readOnly || el.value === '' || el.dataset.keepCaret !== undefined) return;
    // At once, before the next keystroke lands; a click then places its caret on mouseup as usual.
    el.select();
  };
  root.addEventListener('focusin', onFocus);
  return () => root.removeEventListener('focusin', onFocus);
}
