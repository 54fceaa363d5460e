// Runs in the renderer. Which page each area of the navigation shows, one line per area; typed
// over every route, so an area without its page does not compile.
import type { ComponentType } from 'react';
import type { Route } from '../use-hash-route.js';
import { BulletinPage } from './bulletin-page.js';
import { DashboardPage } from './dashboard-page.js';
import { FollowupPage } from './followup-page.js';
import { HandoverPage } from './handover-page.js';
import { IntakePage } from './intake-page.js';
import { LedgerPage } from './ledger-page.js';
import { LogPage } from './log-page.js';
import { RosterPage } from './roster-page.js';
import { SettingsPage } from './settings-page.js';
import { StatsPage } from './stats-page.js';
import { UnitsPage } from './units-page.js';
import { UsersPage } from './users-page.js';
import { ZeroReportsPage } from './zero-reports-page.js';
import { RelayPage } from './relay-page.js';

export const PAGES: Record<Route, ComponentType> = {
  units: UnitsPage,
  roster: RosterPage,
  handover: HandoverPage,
  settings: SettingsPage,
  dashboard: DashboardPage,
  intake: IntakePage,
  log: LogPage,
  followup: FollowupPage,
  ledger: LedgerPage,
  bulletin: BulletinPage,
  users: UsersPage,
  stats: StatsPage,
  zero: ZeroReportsPage,
  relay: RelayPage,
};
