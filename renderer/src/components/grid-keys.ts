// Runs in the renderer. Arrow keys between the cells of a keyboard grid (零报告, 传达回执): each cell
// is a button with data-r and data-c; an arrow moves the focus to the neighbour, if there is one.

/** Moves the focus by an arrow key; true when the key was an arrow on a cell (the event is then handled). */
export function moveByArrow(e: React.KeyboardEvent<HTMLElement>, table: HTMLElement | null): boolean {
  const el = e.target as HTMLElement;
  const r = Number(el.dataset.r);
  const c = Number(el.dataset.c);
  const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
  if (!d || Number.isNaN(r) || Number.isNaN(c)) return false;
  e.preventDefault();
  table?.querySelector<HTMLElement>(`[data-r="${r + d[0]!}"][data-c="${c + d[1]!}"]`)?.focus();
  return true;
}
