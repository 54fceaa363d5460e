// Runs in the renderer. Small pieces the roster, people and handover screens share: error text,
// the people list, month arithmetic in the duty room's zone.
import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Person } from '../../../shared/domain/person.js';
import { dutyDayOf, formatInZone } from '../../../shared/domain/duty-day.js';
import { api } from '../api.js';
import { useApp } from '../i18n.js';
import { serverNow } from '../clock.js';

export function currentMonth(timeZone: string, boundary: string): string {
  return dutyDayOf(serverNow(), { timeZone, boundary }).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Shows the error message of a failed call (already in the UI language) and keeps going. */
export function useFail(): (e: unknown) => void {
  const { message } = App.useApp();
  return useCallback((e: unknown) => void message.error({ content: <span style={{ whiteSpace: 'pre-wrap' }}>{(e as Error).message}</span>, duration: 8 }), [message]);
}

export function usePeople(includeInactive = false): [Person[], () => Promise<void>] {
  const [people, setPeople] = useState<Person[]>([]);
  const fail = useFail();
  const load = useCallback(async () => {
    try {
      setPeople(await api.people.list({ includeInactive }));
    } catch (e) {
      fail(e);
    }
  }, [includeInactive, fail]);
  useEffect(() => void load(), [load]);
  return [people, load];
}

/** Formats an instant in the duty room's zone, never the machine's. */
export function useFormat(): (ms: number, pattern?: string) => string {
  const { settings } = useApp();
  return useCallback((ms: number, pattern = 'yyyy-MM-dd HH:mm') => formatInZone(ms, settings.timeZone, pattern), [settings.timeZone]);
}
