// Runs in Electron's main process; imports no electron at run time. Remembers where the officer
// left the window (bounds and maximized) in a small JSON file in userData, and restores it only
// where it still fits on a connected display: a duty PC whose second monitor was unplugged
// overnight must not open the app off-screen.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Rectangle } from 'electron';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1366, height: 860 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;
/** Windows reports a snapped or maximized window's bounds some pixels past the work area. */
const EDGE_TOLERANCE = 16;

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** What to pass to the BrowserWindow: a size, and a position only if it is on a display. */
export interface InitialPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

function isFiniteInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1e6;
}

export function parseWindowState(text: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: Partial<Rectangle>; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds;
  if (!isFiniteInt(x) || !isFiniteInt(y) || !isFiniteInt(width) || !isFiniteInt(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: maximized === true };
}

export function loadWindowState(file: string, read: (f: string) => string = (f) => readFileSync(f, 'utf8')): WindowState | null {
  try {
    return parseWindowState(read(file));
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  // Write then rename, so a crash mid-write leaves the old file rather than half a JSON.
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

function fitsIn(r: Rectangle, area: Rectangle, tolerance = EDGE_TOLERANCE): boolean {
  return (
    r.x >= area.x - tolerance &&
    r.y >= area.y - tolerance &&
    r.x + r.width <= area.x + area.width + tolerance &&
    r.y + r.height <= area.y + area.height + tolerance
  );
}

/**
 * The saved bounds if they lie on one connected display's work area; else the saved size (centred
 * by Electron) if some display can hold it; else the default size. `maximized` is kept either way.
 */
export function placementFor(state: WindowState | null, workAreas: readonly Rectangle[]): InitialPlacement {
  const maximized = state?.maximized ?? false;
  if (!state) return { ...DEFAULT_SIZE, maximized };
  const b = state.bounds;
  const width = Math.max(b.width, MIN_SIZE.width);
  const height = Math.max(b.height, MIN_SIZE.height);
  const wanted = { x: b.x, y: b.y, width, height };
  if (workAreas.some((area) => fitsIn(wanted, area))) return { ...wanted, maximized };
  if (workAreas.some((area) => width <= area.width + EDGE_TOLERANCE && height <= area.height + EDGE_TOLERANCE)) {
    return { width, height, maximized };
  }
  return { ...DEFAULT_SIZE, maximized };
}

export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isMinimized(): boolean;
  getNormalBounds(): Rectangle;
}

export interface TrackOptions {
  debounceMs?: number;
  save?: (file: string, state: WindowState) => void;
  logError?: (e: unknown) => void;
}

/**
 * Saves the window's state a moment after it stops moving or resizing, and at once on close.
 * getNormalBounds() keeps the restored size while maximized, so un-maximizing after the next start
 * returns to it.
 */
export function trackWindowState(win: TrackedWindow, file: string, options: TrackOptions = {}): { flush(): void } {
  const debounceMs = options.debounceMs ?? 500;
  const save = options.save ?? saveWindowState;
  const logError = options.logError ?? (() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: WindowState | null = null;

  const capture = () => {
    if (win.isDestroyed()) return;
    // Fullscreen and minimized bounds are not where the officer wants the window next time.
    if (win.isFullScreen() || win.isMinimized()) return;
    last = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    capture();
    if (!last) return;
    try {
      save(file, last);
    } catch (e) {
      logError(e);
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', flush);
  return { flush };
}
