// Runs in the renderer. Locks the screen after the settings' minutes without a person using it
// (keys, mouse, touch). While they do, the server hears of it at most every 30 s (auth.touch), so
// its own inactivity clock, which ignores the pages' polling, keeps the session open only for a
// person actually there.
import { useEffect, useRef } from 'react';
import { api } from '../api.js';

const TOUCH_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 5_000;
const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function useIdleLock(lockMinutes: number, onIdle: () => void): void {
  const lastInput = useRef(Date.now());
  const lastTouch = useRef(Date.now());
  const idleRef = useRef(onIdle);
  idleRef.current = onIdle;

  useEffect(() => {
    lastInput.current = Date.now();
    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastTouch.current >= TOUCH_EVERY_MS) {
        lastTouch.current = now;
        api.auth.touch({}).catch(() => {});
      }
    };
    for (const e of EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= lockMinutes * 60_000) idleRef.current();
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, onInput, { capture: true });
      window.clearInterval(timer);
    };
  }, [lockMinutes]);
}
