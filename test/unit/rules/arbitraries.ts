// Runs in plain Node (tests): random incidents for the engine's properties (fast-check), shared by
// the version-1 and version-2 property tests.
import fc from 'fast-check';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { CHANNELS } from '../../../shared/domain/channels.js';
import { LEVELS } from '../../../shared/domain/levels.js';
import { REPORT_KINDS, type Incident, type Report } from '../../../shared/domain/rules/incident.js';
import { DAY, HOUR, MINUTE, UNIT } from './helpers.js';

const BASE = Date.UTC(2026, 0, 1);
const UNITS = [UNIT, '西城区'];

const count = fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 120 })), { nil: null });
const text = fc.option(fc.constantFrom('', ' ', 'XX路口', '已处置'), { nil: null });

/** Times on a coarse grid half the time, so that ties and exact-boundary cases come up often. */
const offset = (max: number) => fc.oneof(fc.integer({ min: 0, max: max / (10 * MINUTE) }).map((n) => n * 10 * MINUTE), fc.integer({ min: 0, max }));

function reportArb(occurredAt: number, opts: { statesOccurredAt: boolean }): fc.Arbitrary<Report> {
  return fc.record({
    kind: fc.constantFrom(...REPORT_KINDS),
    channel: fc.constantFrom(...CHANNELS, 'phone', 'fax'),
    fromUnit: fc.constantFrom(...UNITS, UNIT),
    receivedAt: offset(40 * DAY).map((o) => occurredAt + o),
    occurredAt: opts.statesOccurredAt
      ? fc.option(fc.integer({ min: -3 * HOUR, max: 3 * HOUR }).map((o) => occurredAt + o), { nil: null, freq: 3 })
      : fc.constant(null),
    location: text,
    summary: text,
    measuresTaken: text,
    deaths: count,
    missing: count,
    seriouslyInjured: count,
    injured: count,
    directLossYuan: fc.option(fc.constantFrom(0, 9_999_999, 10_000_000, 60_000_000, 100_000_000), { nil: null }),
    correctionReason: fc.option(fc.constantFrom('', '核减'), { nil: null }),
  });
}

function incidentArb(opts = { statesOccurredAt: true }): fc.Arbitrary<Incident> {
  return fc.integer({ min: 0, max: 365 * DAY }).chain((o) => {
    const occurredAt = BASE + o;
    return fc.record({
      id: fc.constant('X'),
      category: fc.constantFrom(...CATEGORY_CODES),
      responsibleUnit: fc.constant(UNIT),
      occurredAt: fc.constant(occurredAt),
      learnedAt: fc.option(offset(6 * HOUR).map((x) => occurredAt + x), { nil: null }),
      closedAt: fc.option(offset(20 * DAY).map((x) => occurredAt + x), { nil: null }),
      level: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
      reports: fc.array(reportArb(occurredAt, opts), { maxLength: 8 }),
    });
  });
}

export const withNow = (opts?: { statesOccurredAt: boolean }) =>
  incidentArb(opts).chain((inc) => fc.tuple(fc.constant(inc), offset(45 * DAY).map((o) => inc.occurredAt + o)));

