// Runs in plain Node (tests): the incident's description (事件经过) as pure rules: how a person's
// text is tidied, which report the system copies (the first that states a summary, or the latest
// correction of it), when the system writes a new revision, and what stands as the current one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  currentDescriptionOf,
  DESCRIPTION_MAX,
  describeSchema,
  normalizeDescription,
  SYSTEM_ACTOR,
  systemDescriptionOf,
  systemRevisionDue,
} from '../../shared/domain/incident-description.js';
import { translate } from '../../shared/i18n/index.js';

const r = (id: number, summary: string | null, correctsReportId: number | null = null) => ({ id, seq: id, summary, correctsReportId });

describe('normalizeDescription', () => {
  test('trims the ends, keeps line breaks, reads CR LF and CR as LF, drops trailing spaces and extra empty lines', () => {
    assert.equal(normalizeDescription('  第一段\r\n第二段　 \r\r\r\n\n第三段 \n\n  '), '第一段\n第二段\n\n第三段');
    assert.equal(normalizeDescription('   '), '');
    assert.equal(normalizeDescription('  缩进保留'), '缩进保留');
    assert.equal(normalizeDescription('a\n  b'), 'a\n  b', 'leading spaces of an inner line are the writer’s');
  });
});

describe('describeSchema', () => {
  test('a text of up to the limit (after trimming) and a reason of 2 characters or more', () => {
    const ok = describeSchema.parse({ id: 1, text: ` ${'字'.repeat(DESCRIPTION_MAX)}\n `, reason: '核实' });
    assert.equal(ok.text.length, DESCRIPTION_MAX);
    const long = describeSchema.safeParse({ id: 1, text: '字'.repeat(DESCRIPTION_MAX + 1), reason: '核实' });
    assert.equal(long.success, false);
    assert.equal(long.error!.issues[0]!.message, 'incident.descriptionTooLong');
    const empty = describeSchema.safeParse({ id: 1, text: ' \n ', reason: '核实' });
    assert.equal(empty.error!.issues[0]!.message, 'incident.descriptionRequired');
    const noReason = describeSchema.safeParse({ id: 1, text: '经过', reason: ' 好 ' });
    assert.equal(noReason.error!.issues[0]!.message, 'incident.reasonRequired');
    assert.equal(describeSchema.safeParse({ id: 1, text: '经过', reason: '核实', extra: 1 }).success, false, 'unknown keys refused');
  });

  test('the too-long message states the limit, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) assert.match(translate(locale, 'incident.descriptionTooLong'), new RegExp(String(DESCRIPTION_MAX)));
  });
});

describe('systemDescriptionOf', () => {
  test('the first report (in the order entered) that states a summary', () => {
    assert.equal(systemDescriptionOf([]), null);
    assert.equal(systemDescriptionOf([r(1, null), r(2, '  ')]), null);
    assert.deepEqual(systemDescriptionOf([r(3, '续报'), r(1, null), r(2, ' 首报经过 ')]), { text: '首报经过', reportId: 2 });
  });

  test('follows the latest correction of that report, not corrections of others', () => {
    assert.deepEqual(systemDescriptionOf([r(1, '首报'), r(2, '续报'), r(3, '更正续报', 2)]), { text: '首报', reportId: 1 });
    assert.deepEqual(systemDescriptionOf([r(1, '首报'), r(2, '更正首报', 1), r(3, '再次更正', 2)]), { text: '再次更正', reportId: 3 });
    assert.deepEqual(systemDescriptionOf([r(1, '首报'), r(2, null, 1)]), { text: '首报', reportId: 1 }, 'a correction stating no summary leaves it');
  });
});

describe('systemRevisionDue and currentDescriptionOf', () => {
  const sys = (sourceReportId: number, text = 'x') => ({ actor: SYSTEM_ACTOR, sourceReportId, text, revision: 1 });
  const person = { actor: 'user:leader', sourceReportId: null, text: '领导改写', revision: 2 };

  test('the system writes the first copy, and a copy of a correction of its source; never after a person', () => {
    assert.deepEqual(systemRevisionDue(null, [r(1, '首报')]), { text: '首报', reportId: 1 });
    assert.equal(systemRevisionDue(null, [r(1, null)]), null);
    assert.equal(systemRevisionDue(sys(1), [r(1, '首报'), r(2, '续报')]), null);
    assert.deepEqual(systemRevisionDue(sys(1), [r(1, '首报'), r(2, '更正', 1)]), { text: '更正', reportId: 2 });
    assert.equal(systemRevisionDue(person, [r(1, '首报'), r(2, '更正', 1)]), null);
  });

  test('the current description: the latest stored revision, else the reports read the same way', () => {
    assert.equal(currentDescriptionOf([], [r(1, null)]), null);
    assert.deepEqual(currentDescriptionOf([], [r(1, '首报')]), { text: '首报', revision: null, sourceReportId: 1, edited: false });
    assert.deepEqual(currentDescriptionOf([person, sys(1, '首报')], [r(1, '首报')]), { text: '领导改写', revision: 2, sourceReportId: null, edited: true });
    assert.deepEqual(currentDescriptionOf([sys(1, '首报')], [r(1, '首报'), r(2, '更正', 1)]), { text: '首报', revision: 1, sourceReportId: 1, edited: false }, 'stored wins');
  });
});
