// Runs in the renderer. 值班日报: pick a duty day (default the one that just ended), preview every
// section of the workbook on screen, see the completeness check, issue (a note is required when
// there are problems), list the issued revisions, export the .xlsx, and print (the print
// stylesheet leaves only the preview, on A4 landscape).
import { DownloadOutlined, LeftOutlined, PrinterOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { addDaysTo } from '../../../shared/domain/roster/dates.js';
import { BULLETIN_SHEETS, type BulletinPreview, type BulletinRevision } from '../../../shared/domain/bulletin.js';
import { bulletinTexts, bulletinTitle } from '../../../shared/domain/bulletin-text.js';
import { CATEGORY_CLASSES } from '../../../shared/domain/categories.js';
import { LEVELS } from '../../../shared/domain/levels.js';
import { api } from '../api.js';
import { downloadFile } from '../download.js';
import { mayCall } from '../../../shared/api/roles.js';
import { useApp } from '../i18n.js';
import '../bulletin.css';

type Cell = ReactNode;

/**
 * A plain bordered table: prints as it shows, unlike a virtualised grid. `cellClass` names a
 * column's class (bulletin.css): 'nowrap' for short values a wrap would break in two (编号, times,
 * 处置结束); 'place', 'text' and 'story' for wrapped text that needs room for a few words a line.
 */
function Grid({ head, rows, empty, testId, cellClass }: { head: Cell[]; rows: Cell[][]; empty: string; testId: string; cellClass?: (column: number) => string | undefined }) {
  return (
    <table className="bulletin-grid" data-testid={testId}>
      <thead>
        <tr>
          {head.map((h, k) => (
            <th key={k} className={cellClass?.(k)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={head.length} className="empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((r, k) => (
            <tr key={k}>
              {r.map((c, j) => (
                <td key={j} className={[typeof c === 'number' ? 'num' : '', cellClass?.(j) ?? ''].filter(Boolean).join(' ') || undefined}>
                  {c}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function BulletinView({ p }: { p: BulletinPreview }) {
  const { settings } = useApp();
  const d = p.data;
  const x = bulletinTexts(settings.locale, d);
  const { t } = x;
  const rev = p.revision === null ? null : p.revisions.find((r) => r.revision === p.revision) ?? null;
  const title = bulletinTitle(t, d, { revision: p.revision, issuedAt: rev?.issuedAt ?? null, issuedBy: rev?.issuedByName ?? null });
  const s = d.summary;
  const byId = new Map(d.incidents.map((i) => [i.id, i]));
  const anyNatural = d.incidents.some((i) => x.naturalOf(i) !== '');
  return (
    <div className={`bulletin-sheet${p.revision === null ? ' draft' : ''}`} data-draft-label={t('bulletin.draftWatermark')} data-testid="bulletin-view">
      <h1 data-testid="bulletin-title">{title}</h1>
      <div className="lines">
        <div>{x.dayLine}</div>
        <div>{x.onDutyLine}</div>
        <div>{rev ? t('bulletin.issuedLine', { revision: rev.revision, at: x.fmt(rev.issuedAt), by: rev.issuedByName }) : t('bulletin.draftLine', { at: x.fmt(d.generatedAt) })}</div>
      </div>

      <h2>{t('bulletin.section.onDuty')}</h2>
      <Grid
        testId="bulletin-on-duty"
        empty=""
        head={[t('bulletin.leader'), t('bulletin.officers')]}
        rows={[[x.names(d.leaders), x.names(d.officers)]]}
      />

      <h2>{t('bulletin.section.figures')}</h2>
      <Grid
        testId="bulletin-figures"
        empty=""
        head={[t('bulletin.received'), t('bulletin.newIncidents'), t('bulletin.stillOpen'), ...CATEGORY_CLASSES.map((c) => t(`bulletin.class.${c}`)), ...LEVELS.map((l) => t(`level.${l}`))]}
        rows={[[s.incidents, s.newIncidents, s.stillOpen ?? '', ...CATEGORY_CLASSES.map((c) => s.byClass[c]), ...LEVELS.map((l) => s.byLevel[l])]]}
      />
      <Grid
        testId="bulletin-figures-2"
        empty=""
        head={[t('item.deaths'), t('item.missing'), t('item.seriouslyInjured'), t('item.injured'), t('bulletin.flagsRaised'), t('bulletin.flagsConfirmed'), t('bulletin.followupsOpen')]}
        rows={[[s.deaths, s.missing, s.seriouslyInjured, s.injured, s.flagsRaised, s.flagsConfirmed, s.followupsOpen]]}
      />
      {x.naturalLine && <Grid testId="bulletin-natural" empty="" head={[t('bulletin.naturalFigures')]} rows={[[x.naturalLine]]} />}

      <h2>{t('bulletin.section.keyItems')}</h2>
      <Grid
        testId="bulletin-key-items"
        empty={t('bulletin.noKeyItems')}
        head={[t('incident.number'), t('incident.responsibleUnit'), t('bulletin.categoryLevel'), t('bulletin.keyItemText')]}
        rows={d.keyItems
          .map((id) => byId.get(id))
          .filter((i) => i !== undefined)
          .map((i) => [i.number, i.responsibleUnit, `${t(`category.${i.category}`)} ${x.level(i)}`, x.keyItemLine(i)])}
      />

      <h2>{t('bulletin.section.compare')}</h2>
      <Grid
        testId="bulletin-compare"
        empty=""
        head={[t('bulletin.period'), t('bulletin.count'), t('bulletin.countLastYear'), t('bulletin.deaths'), t('bulletin.deathsLastYear'), t('bulletin.bothDown')]}
        rows={(
          [
            ['bulletin.monthToDate', d.monthToDate],
            ['bulletin.yearToDate', d.yearToDate],
          ] as const
        ).map(([label, c]) => [t(label), c.count, c.lastYear.count, c.deaths, c.lastYear.deaths, c.bothDown ? t('bulletin.bothDownYes') : t('bulletin.bothDownNo')])}
      />

      <h2>{t('bulletin.section.handover')}</h2>
      <Grid
        testId="bulletin-handover"
        empty={t('bulletin.noHandover')}
        head={[t('bulletin.shift'), t('bulletin.handoverNotes', { notes: '' }).replace(/[:：]\s*$/, '')]}
        rows={d.handovers.map((h) => [
          h.shiftName,
          <>
            <div>{t('bulletin.handoverNotes', { notes: h.notes || t('bulletin.none') })}</div>
            <div>{h.acknowledged ? t('bulletin.handoverAck', { name: h.ackName ?? '', at: x.fmt(h.ackAt), remarks: h.ackRemarks || t('bulletin.none') }) : t('bulletin.handoverNotAck')}</div>
          </>,
        ])}
      />

      <h2 className="page-break">{BULLETIN_SHEETS[1]}</h2>
      <Grid
        testId="bulletin-incidents"
        empty={t('bulletin.emptyIncidents')}
        // 地点 (6), 直接经济损失 (11, its header), 事件经过 (12), 已采取措施 (13) and 时效 (16) wrap, each with room for a few words a line;
        // so does 自然灾害灾情, after the loss, on a day a natural disaster stated its figures.
        cellClass={(k) => ((anyNatural ? { 6: 'place', 11: 'loss', 12: 'text', 13: 'story', 14: 'text', 17: 'text' } : { 6: 'place', 11: 'loss', 12: 'story', 13: 'text', 16: 'text' }) as Record<number, string>)[k] ?? 'nowrap'}
        head={[
          t('incident.number'),
          t('incident.occurredAt'),
          t('bulletin.firstReceived'),
          t('incident.responsibleUnit'),
          t('incident.category'),
          t('incident.level'),
          t('incident.place'),
          t('item.deaths'),
          t('item.missing'),
          t('item.seriouslyInjured'),
          t('item.injured'),
          t('bulletin.lossWan'),
          ...(anyNatural ? [t('bulletin.naturalFigures')] : []),
          t('incident.summary'),
          t('item.measuresTaken'),
          t('bulletin.latestKind'),
          t('incident.status'),
          t('bulletin.timeliness'),
        ]}
        rows={d.incidents.map((i) => [
          i.number,
          x.short(i.occurredAt),
          x.short(i.firstReceivedAt),
          i.responsibleUnit,
          t(`category.${i.category}`),
          x.level(i),
          i.place,
          x.figure(i.deaths),
          x.figure(i.missing),
          x.figure(i.seriouslyInjured),
          x.figure(i.injured),
          i.directLossYuan === null ? t('bulletin.notStated') : Math.round(i.directLossYuan / 100) / 100,
          ...(anyNatural ? [x.naturalOf(i)] : []),
          x.description(i),
          i.measures,
          t(`reportKind.${i.latestKind}`),
          x.status(i),
          x.timeliness(i),
        ])}
      />

      <h2>{BULLETIN_SHEETS[2]}</h2>
      <Grid
        testId="bulletin-flags"
        empty={t('bulletin.emptyFlags')}
        head={[t('bulletin.flagUnit'), t('bulletin.incidentNumber'), t('bulletin.rule'), t('bulletin.deadline'), t('bulletin.actual'), t('bulletin.minutesLate'), t('common.status'), t('bulletin.confirmedBy'), t('bulletin.followupOwner')]}
        rows={d.flags.map((f) => [x.unitOf(f), f.incidentNumber, t(`flag.code.${f.code}`), x.fmt(f.deadline), x.fmt(f.actual), f.minutesLate ?? '', x.flagState(f), f.confirmedBy ?? '', f.followupOwner ?? ''])}
      />

      <h2>{BULLETIN_SHEETS[3]}</h2>
      <Grid
        testId="bulletin-followups"
        empty={t('bulletin.emptyFollowups')}
        head={[t('bulletin.incidentNumber'), t('bulletin.followupKind'), t('bulletin.followupSubject'), t('bulletin.owner'), t('bulletin.dueAt'), t('common.status')]}
        rows={d.followups.map((f) => [f.incidentNumber, t(`bulletin.followupKind.${f.kind}`), f.subject, f.owner, x.fmt(f.dueAt), t(`bulletin.followupState.${f.state}`)])}
      />

      <h2>{BULLETIN_SHEETS[4]}</h2>
      <Grid
        testId="bulletin-roster"
        empty={t('bulletin.emptyRoster')}
        head={[t('bulletin.dutyDay'), t('bulletin.shift'), t('bulletin.shiftTime'), t('bulletin.leader'), t('bulletin.officers')]}
        rows={d.roster.map((r) => [r.day, r.name, `${x.fmt(r.start)} – ${x.fmt(r.end)}`, x.names(r.leaders), x.names(r.officers)])}
      />

      <h2>{BULLETIN_SHEETS[5]}</h2>
      <Grid
        testId="bulletin-zero"
        empty={t('bulletin.noZeroReports')}
        head={[t('bulletin.zeroUnit'), t('bulletin.zeroPeriod'), t('bulletin.zeroCutoff'), t('bulletin.zeroReceived'), t('common.status'), t('bulletin.zeroContent')]}
        rows={d.zeroReports.map((z) => [z.unit, z.period, x.fmt(z.cutoff), x.fmt(z.receivedAt), t(`bulletin.zeroStatus.${z.status}`), z.content])}
      />

      <h2>{BULLETIN_SHEETS[6]}</h2>
      <Grid testId="bulletin-relay" empty={t('bulletin.relayNone')} head={x.relayHead} rows={(d.relay ?? []).map(x.relayRow)} />
      {rev && d.anchor && (
        <div className="anchor" data-testid="bulletin-anchor">
          {t('seal.bulletinAnchor', { anchor: d.anchor })}
        </div>
      )}
    </div>
  );
}

export function BulletinPage() {
  const { t, settings, user } = useApp();
  const { message } = App.useApp();
  const canIssue = mayCall('bulletin.issue', user.role);
  const [day, setDay] = useState<string | undefined>(undefined);
  const [revision, setRevision] = useState<number | null>(null);
  const [p, setP] = useState<BulletinPreview | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const next = await api.bulletin.preview(revision === null ? { day } : { day, revision });
      setP(next);
      if (day === undefined) setDay(next.day);
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [day, revision, message]);
  useEffect(() => void load(), [load]);

  const pickDay = (d: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return;
    setRevision(null);
    setDay(d);
  };

  const issue = async () => {
    if (!p) return;
    setBusy(true);
    try {
      const r = await api.bulletin.issue({ day: p.day, note });
      message.success(t('bulletin.issued', { n: r.revision }));
      setIssuing(false);
      setNote('');
      setRevision(r.revision);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const exportXlsx = async () => {
    if (!p) return;
    try {
      downloadFile(await api.bulletin.export(p.revision === null ? { day: p.day } : { day: p.day, revision: p.revision }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const x = p ? bulletinTexts(settings.locale, p.data) : null;
  const next = (p?.revisions[0]?.revision ?? 0) + 1;
  const problems = p?.problems ?? [];

  return (
    <div data-testid="bulletin-page">
      <div className="page-title no-print">
        <h2>{t('bulletin.title')}</h2>
        <Typography.Text type="secondary">{t('bulletin.subtitle')}</Typography.Text>
      </div>
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <span>{t('bulletin.day')}</span>
        <Button icon={<LeftOutlined />} aria-label={t('bulletin.prevDay')} onClick={() => day && pickDay(addDaysTo(day, -1))} data-testid="bulletin-prev" />
        <Input type="date" value={day ?? ''} onChange={(e) => pickDay(e.target.value)} style={{ width: 160 }} aria-label={t('bulletin.day')} data-testid="bulletin-day" />
        <Button icon={<RightOutlined />} aria-label={t('bulletin.nextDay')} onClick={() => day && pickDay(addDaysTo(day, 1))} data-testid="bulletin-next" />
        <span>{t('bulletin.view')}</span>
        <Select
          data-testid="bulletin-edition"
          style={{ width: 200 }}
          value={revision ?? 0}
          onChange={(v: number) => setRevision(v === 0 ? null : v)}
          options={[{ value: 0, label: t('bulletin.viewLive') }, ...(p?.revisions ?? []).map((r) => ({ value: r.revision, label: t('bulletin.viewRevision', { n: r.revision }) }))]}
        />
        {canIssue && (
          <Button type="primary" icon={<SendOutlined />} disabled={!p || p.running || p.revision !== null} onClick={() => setIssuing(true)} data-testid="bulletin-issue">
            {next > 1 ? t('bulletin.reissue', { n: next }) : t('bulletin.issue')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} disabled={!p} onClick={() => void exportXlsx()} data-testid="bulletin-export">
          {t('bulletin.export')}
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!p} onClick={() => window.print()} data-testid="bulletin-print">
          {t('bulletin.print')}
        </Button>
        {p && (p.revision === null ? <Tag color="orange">{t('bulletin.draftTag')}</Tag> : <Tag color="green">{t('bulletin.issuedTag', { n: p.revision })}</Tag>)}
      </Space>

      {p?.running && <Alert className="no-print" type="info" showIcon style={{ marginBottom: 12 }} message={t('bulletin.running')} />}
      {p && x && p.revision === null && (
        <Alert
          className="no-print"
          data-testid="bulletin-check"
          style={{ marginBottom: 12 }}
          type={problems.length ? 'warning' : 'success'}
          showIcon
          message={problems.length ? t('bulletin.checkProblems', { count: problems.length }) : t('bulletin.checkOk')}
          description={
            problems.length ? (
              <List size="small" dataSource={problems} renderItem={(pr) => <List.Item data-testid={`problem-${pr.code}`}>{x.problem(pr)}</List.Item>} />
            ) : undefined
          }
        />
      )}

      {p && (
        <div className="no-print" style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{t('bulletin.revisions')}</Typography.Title>
          <Table<BulletinRevision>
            data-testid="bulletin-revisions"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.revisions}
            locale={{ emptyText: t('bulletin.noRevisions') }}
            onRow={(r) => ({ onClick: () => setRevision(r.revision), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('bulletin.revision'), dataIndex: 'revision', width: 80, render: (n: number) => t('bulletin.viewRevision', { n }) },
              { title: t('bulletin.issuedAt'), dataIndex: 'issuedAt', width: 150, render: (v: number) => x?.fmt(v) },
              { title: t('bulletin.issuedBy'), dataIndex: 'issuedByName', width: 140 },
              { title: t('bulletin.problemsCount'), dataIndex: 'problems', width: 80 },
              { title: t('bulletin.note'), dataIndex: 'note' },
              { title: t('bulletin.sha256'), dataIndex: 'sha256', width: 120, render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
            ]}
          />
        </div>
      )}

      {p && <BulletinView p={p} />}

      <Modal
        open={issuing}
        title={p ? t('bulletin.issueTitle', { day: p.day }) : ''}
        okText={t('bulletin.issue')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void issue()}
        onCancel={() => setIssuing(false)}
        okButtonProps={{ disabled: problems.length > 0 && note.trim().length < 2, id: 'bulletin-issue-ok' }}
        destroyOnHidden
      >
        {problems.length > 0 && x && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('bulletin.checkProblems', { count: problems.length })} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((pr, k) => <li key={k}>{x.problem(pr)}</li>)}</ul>} />
        )}
        <div style={{ marginBottom: 4 }}>{problems.length ? t('bulletin.note') : t('bulletin.noteOptional')}</div>
        <Input.TextArea
          autoFocus
          data-testid="bulletin-note"
          rows={3}
          value={note}
          placeholder={t('bulletin.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            // Ctrl+Enter issues from the keyboard; Enter alone is a new line.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !(problems.length > 0 && note.trim().length < 2)) void issue();
          }}
        />
      </Modal>
    </div>
  );
}
