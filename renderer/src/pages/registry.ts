// Runs in the renderer. Which page each area of the navigation shows, one line per area; an area
// not listed here shows the "being built" placeholder.
import type { ComponentType } from 'react';
import type { Route } from '../use-hash-route.js';
import { SettingsPage } from './settings-page.js';
import { UnitsPage } from './units-page.js';

export const PAGES: Partial<Record<Route, ComponentType>> = {
  units: UnitsPage,
  settings: SettingsPage,
};
