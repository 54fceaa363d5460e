// `duty rules check` with the duty room's upward reports: the `upward` list per incident.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';

const input = (upward: unknown) =>
  JSON.stringify({
    now: '2026-11-24T12:00:00+08:00',
    incidents: [
      {
        id: 'U1',
        category: 'construction',
        responsibleUnit: '东城区',
        occurredAt: '2026-11-24T01:00:00+08:00',
        closedAt: null,
        level: null,
        reports: [{ kind: 'initial', channel: 'phone', fromUnit: '东城区', receivedAt: '2026-11-24T01:30:00+08:00', location: '工地', deaths: 3, missing: 0, seriouslyInjured: 0 }],
        ...(upward === undefined ? {} : { upward }),
      },
    ],
  });

test('an upward report one second late is flagged; one at the limit is not; without the list, overdue', async () => {
  const late = await cli(['rules', 'check', '-'], { stdin: input([{ to: '省应急管理厅', channel: 'phone', sentAt: '2026-11-23T19:30:01Z' }]) });
  assert.equal(late.code, 0, late.err);
  assert.deepEqual(JSON.parse(late.out).incidents[0].flags.filter((f: { code: string }) => f.code === 'UPWARD_LATE'), [
    { code: 'UPWARD_LATE', status: 'late', deadline: '2026-11-23T19:30:00.000Z', actual: '2026-11-23T19:30:01.000Z', minutesLate: 1 },
  ]);
  const onTime = await cli(['rules', 'check', '-'], { stdin: input([{ to: '省应急管理厅', channel: 'fax', sentAt: '2026-11-24T03:30:00+08:00' }]) });
  assert.deepEqual(JSON.parse(onTime.out).incidents[0].flags.filter((f: { code: string }) => f.code === 'UPWARD_LATE'), []);
  const none = await cli(['rules', 'check', '-'], { stdin: input(undefined) });
  assert.deepEqual(JSON.parse(none.out).incidents[0].flags.map((f: { code: string; status: string }) => [f.code, f.status]), [
    ['LATE_WRITTEN', 'overdue'],
    ['UPWARD_LATE', 'overdue'],
  ]);
});

test('bad upward entries: exit 2, nothing on stdout, the field named', async () => {
  for (const [upward, path] of [
    [[{ to: '省厅', channel: 'media', sentAt: '2026-11-24T02:00:00+08:00' }], 'incidents[0].upward[0].channel'],
    [[{ to: '省厅', channel: 'phone', sentAt: '2026-11-24T02:00:00' }], 'incidents[0].upward[0].sentAt'],
    [[{ to: '', channel: 'phone', sentAt: '2026-11-24T02:00:00+08:00' }], 'incidents[0].upward[0].to'],
    [[{ to: '省厅', channel: 'phone', sentAt: '2026-11-24T02:00:00+08:00', note: 'x' }], 'incidents[0].upward[0]'],
    ['yes', 'incidents[0].upward'],
  ] as const) {
    const r = await cli(['rules', 'check', '-'], { stdin: input(upward) });
    assert.equal(r.code, 2, JSON.stringify(upward));
    assert.equal(r.out, '');
    assert.ok(r.err.startsWith(`duty rules check: ${path}`) || r.err.includes(path), `${r.err} should name ${path}`);
  }
});
