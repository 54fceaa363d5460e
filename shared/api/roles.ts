// Pure code: runs anywhere. Who may call each contract method: the one map the dispatcher
// enforces (electron/services/dispatcher.ts) and the UI reads to hide what a role cannot do. Typed
// against the contract, so a method added without a decision here does not compile.
//
// The roles nest: an admin may do what a leader may, a leader what an officer may. A leader on
// duty often takes a call and logs the incident himself; an admin is usually the duty office's
// head and stands duty too. What keeps the roles apart is the other direction: an officer cannot
// confirm or dismiss a flag, approve a swap or change units, users, backups or settings. Every
// call, allowed or refused, is made under the user's name (`user:<username>` on the audit row).
import type { UserRole } from '../domain/user.js';
import type { MethodName } from './contract.js';

/** Any signed-in user: reads, and the officer's work (intake, follow-up, handover). */
const ANY: readonly UserRole[] = ['admin', 'leader', 'officer'];
/** Confirming or dismissing flags, rewriting an incident's description, approving swaps, planning the roster. */
const LEADER: readonly UserRole[] = ['admin', 'leader'];
/** Users, units, backups, settings. */
const ADMIN: readonly UserRole[] = ['admin'];

/**
 * 'public': callable before signing in (only what setting up and signing in need). Otherwise the
 * roles that may call the method; anybody else is refused with 'unauthenticated' (no session) or
 * 'forbidden' (wrong role), and the refusal is audited.
 */
export const METHOD_ROLES: Record<MethodName, readonly UserRole[] | 'public'> = {
  // Signing in
  'auth.status': 'public',
  'auth.setupAdmin': 'public', // refused by the service once any user exists
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.lock': 'public',
  'auth.touch': ANY,
  'auth.changePassword': ANY,
  'auth.setDisplay': ANY,
  'users.list': ADMIN,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.resetPassword': ADMIN,
  'users.disable': ADMIN,
  'users.enable': ADMIN,

  // The app and its settings
  'app.info': ANY,
  'app.clock': ANY,
  'live.open': ANY,
  'settings.get': ANY,
  'settings.update': ADMIN,
  // The record's verification: whether it holds shows on every screen, even before signing in.
  'audit.status': 'public',
  'audit.verify': LEADER,
  'audit.keyExport': ADMIN,
  'audit.keyImport': ADMIN,
  'audit.keyRotate': ADMIN,
  // The duty room: hosting it, its pairing code, its seats
  'room.status': ADMIN,
  'room.enable': ADMIN,
  'room.disable': ADMIN,
  'room.newCode': ADMIN,
  'room.revokeSeat': ADMIN,
  // Public at the transport: the service lets anyone join only a desk without accounts (first start), else its admin.
  'room.join': 'public',
  'backup.list': ADMIN,
  'backup.now': ADMIN,
  'backup.restore': ADMIN,

  // The rule set in force: everyone reads it (the intake preview judges by it); the admin changes it
  'rules.get': ANY,
  'rules.versions': ANY,
  'rules.packs': ANY,
  'rules.export': ANY,
  'rules.read': ADMIN,
  'rules.preview': ADMIN,
  'rules.save': ADMIN,

  // Units: everyone reads, the admin keeps the directory
  'units.list': ANY,
  'units.get': ANY,
  'units.create': ADMIN,
  'units.update': ADMIN,
  'units.deactivate': ADMIN,
  'units.reactivate': ADMIN,

  // Incidents: officer work, except judging the accountability flags
  'incidents.create': ANY,
  'incidents.addReport': ANY,
  'incidents.addUpward': ANY,
  'incidents.updateFacts': ANY,
  // The description the bulletin prints: the system copies it from the reports, a leader rewrites it
  'incidents.describe': LEADER,
  'incidents.list': ANY,
  'incidents.get': ANY,
  'incidents.duplicates': ANY,
  'flags.queue': ANY,
  'flags.review': LEADER,
  'flags.leaderOnDuty': ANY,
  'followups.list': ANY,
  'followups.create': ANY,
  'followups.complete': ANY,
  'ledger.get': ANY,
  'ledger.export': ANY,
  'incidents.exportYear': ANY,
  'dashboard.get': ANY,
  'dashboard.ack': ANY,
  'dashboard.refresh': ANY,

  // The daily bulletin: everyone previews and exports; a leader issues it (签发)
  'bulletin.preview': ANY,
  'bulletin.revisions': ANY,
  'bulletin.export': ANY,
  'bulletin.issue': LEADER,

  // Statistics: everyone reads and exports
  'stats.period': ANY,
  'stats.export': ANY,

  // Special periods and daily zero reports: officers log them, leaders open periods and judge flags
  'periods.list': ANY,
  'periods.grid': ANY,
  'periods.cell': ANY,
  'periods.today': ANY,
  'periods.flags': ANY,
  'periods.template': ANY,
  'periods.logReport': ANY,
  'periods.importReports': ANY,
  'periods.create': LEADER,
  'periods.update': LEADER,
  'periods.reviewFlag': LEADER,

  // Relaying notices (传达与回执): the officer logs notices, relays, receipts and feedback; the
  // admin keeps the unit groups; a leader reviews the flags
  'notices.groups': ANY,
  'notices.grid': ANY,
  'notices.steps': ANY,
  'notices.revisions': ANY,
  'notices.deadlines': ANY,
  'notices.flags': ANY,
  'notices.export': ANY,
  'notices.create': ANY,
  'notices.revise': ANY,
  'notices.relay': ANY,
  'notices.receipt': ANY,
  'notices.feedback': ANY,
  'notices.correctStep': ANY,
  'notices.createGroup': ADMIN,
  'notices.updateGroup': ADMIN,
  'notices.reviewFlag': LEADER,

  // Handover: officer work
  'handover.current': ANY,
  'handover.prepare': ANY,
  'handover.updateNotes': ANY,
  'handover.acknowledge': ANY,
  'handover.list': ANY,

  // The roster: everyone reads and checks in; leaders plan it and approve swaps
  'roster.onDuty': ANY,
  'roster.pattern': ANY,
  'roster.month': ANY,
  'roster.history': ANY,
  'roster.phoneList': ANY,
  'roster.fixedList': ANY,
  'roster.export': ANY,
  'roster.checkIn': ANY,
  'roster.setPattern': LEADER,
  'roster.generate': LEADER,
  'roster.save': LEADER,
  'roster.editShift': LEADER,
  'roster.swap': LEADER,
  'roster.substitute': LEADER,
  'roster.fixedAdd': LEADER,
  'roster.fixedCancel': LEADER,
  'roster.import': LEADER,
  'people.list': ANY,
  'people.leaveList': ANY,
  'people.create': LEADER,
  'people.update': LEADER,
  'people.deactivate': LEADER,
  'people.reactivate': LEADER,
  'people.leaveAdd': LEADER,
  'people.leaveWithdraw': LEADER,
  'holidays.list': ANY,
  'holidays.create': LEADER,
  'holidays.cancel': LEADER,
  'holidays.addStarter': LEADER,
  'holidays.importNotice': LEADER,
};

/** Whether a role (or nobody, for null) may call the method. */
export function mayCall(method: MethodName, role: UserRole | null): boolean {
  const allowed = METHOD_ROLES[method];
  return allowed === 'public' || (role !== null && allowed.includes(role));
}
