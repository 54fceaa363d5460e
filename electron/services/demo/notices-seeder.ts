// Runs in plain Node. Demo notices (传达与回执): warnings, notices from above, leaders' instructions
// and the duty room's own orders, each relayed to a set of units (most by fax, the SMS platform or
// the system at once, one or two by phone), most units confirming within the receipt limit, some
// late, some never; instructions asking for feedback by a deadline, most on time, some late, some
// missing; now and then the relay itself late. Every write goes through the services with the
// time typed as it happened, so the flags are the engine's. Planned as events on a timeline: the
// demo runs them among the incidents' in time order; the bulk demo enters them after its history.
import { noticeFieldsSchema, type NoticeKind, type RelayMeans } from '../../../shared/domain/notice.js';
import type { Rng } from '../../../shared/domain/random.js';
import { listUnits } from '../../db/repositories/units.js';
import type { ServiceContext } from '../context.js';
import { createGroup, createNotice, recordFeedback, recordReceipt, recordRelay } from '../notices/notices.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface NoticeEvent {
  at: number;
  run(ctx: ServiceContext): void;
}

export interface NoticeCounts {
  notices: number;
  relays: number;
  receipts: number;
  feedback: number;
}

const WARNINGS = ['暴雨蓝色预警', '暴雨黄色预警', '暴雨橙色预警', '暴雨红色预警', '大风黄色预警', '高温橙色预警', '寒潮蓝色预警', '雷电黄色预警'];
const SUPERIOR = [
  { source: '省防指', level: '防汛Ⅳ级应急响应', text: '启动防汛Ⅳ级应急响应，各地加强值班值守和巡查防守。' },
  { source: '省应急管理厅', level: '', text: '关于做好近期安全防范工作的通知，请各地立即部署落实。' },
  { source: '省减灾委', level: '', text: '关于做好强降雨防范应对工作的紧急通知。' },
];
const INSTRUCTIONS = [
  { source: '市长', text: '请各地立即组织排查低洼地段和危险区域，及时转移受威胁群众，确保人员安全。', required: '排查点位数、转移人数' },
  { source: '常务副市长', text: '请各有关单位举一反三，立即开展安全隐患排查整治。', required: '排查隐患数、整改情况' },
];
const PHONE_NAMES = ['王科长', '李主任', '张值班员', '刘干事', '陈科员', '杨主任'];

/**
 * The notices of `days` days up to `now`, as events (not yet run). `perDay`: notices per day on
 * average. The receipt and feedback times are typed; what has not happened by `now` is left out.
 */
export function planNotices(db: ServiceContext['db'], rng: Rng, o: { days: number; now: number; perDay?: number; groupAt?: number }): { events: NoticeEvent[]; counts: NoticeCounts } {
  const units = listUnits(db, {});
  const counts: NoticeCounts = { notices: 0, relays: 0, receipts: 0, feedback: 0 };
  const events: NoticeEvent[] = [];
  if (units.length === 0) return { events, counts };
  const start = o.now - o.days * DAY;
  const districts = units.filter((u) => u.kind === 'district' || u.kind === 'county').map((u) => u.id);
  const all = units.map((u) => u.id);
  if (districts.length > 0)
    events.push({ at: o.groupAt ?? start, run: (ctx) => void createGroup(ctx, { name: '全体区县', unitIds: districts }, 'demo') });
  const total = Math.round(o.days * (o.perDay ?? 1.2));
  for (let n = 0; n < total; n++) {
    const receivedAt = start + Math.floor(rng.next() * o.days * DAY);
    const x = rng.next();
    const kind: NoticeKind = x < 0.45 ? 'warning' : x < 0.7 ? 'superior' : x < 0.9 ? 'instruction' : 'local';
    const targets = districts.length >= 4 && rng.chance(0.6) ? districts : sample(rng, all, rng.int(Math.min(3, all.length), Math.min(all.length, 18)));
    let source = '市气象台';
    let levelText = '';
    let text = '';
    let feedbackDueAt: number | null = null;
    let feedbackRequired = '';
    if (kind === 'warning') {
      levelText = rng.pick(WARNINGS);
      text = `市气象台发布${levelText}，请各地做好防范应对工作。`;
    } else if (kind === 'superior') {
      const s = rng.pick(SUPERIOR);
      ({ source, text } = s);
      levelText = s.level;
    } else if (kind === 'instruction') {
      const s = rng.pick(INSTRUCTIONS);
      ({ source, text } = s);
      feedbackRequired = s.required;
      feedbackDueAt = receivedAt + rng.int(6, 30) * HOUR;
    } else {
      source = '本局';
      text = '请各单位加强节假日期间值班值守，严格执行领导带班和24小时值班制度。';
    }
    const docNumber = kind === 'superior' || rng.chance(0.3) ? `〔${new Date(receivedAt).getUTCFullYear()}〕${rng.int(1, 300)}号` : '';
    const receiptDeadlineMin = rng.pick([30, 30, 30, 60]);
    // The relay: within the limit (red: 30 minutes, the rest 60) but for one in eight.
    const limit = levelText.includes('红色') ? 30 : 60;
    const relayAt = receivedAt + (rng.chance(0.12) ? limit + rng.int(5, 60) : rng.int(3, limit - 5)) * MIN;
    const phoned = targets.length > 3 && rng.chance(0.4) ? targets.slice(-rng.int(1, 2)) : [];
    const bulk = targets.filter((u) => !phoned.includes(u));
    const means: RelayMeans = rng.pick(['fax', 'sms_platform', 'system'] as const);
    let noticeId = 0;
    events.push({
      at: receivedAt,
      run: (ctx) => {
        noticeId = createNotice(ctx, noticeFieldsSchema.parse({ kind, source, docNumber, levelText, text, receivedAt, receiptDeadlineMin, feedbackDueAt, feedbackRequired, unitIds: targets }), 'demo').id;
        counts.notices++;
      },
    });
    events.push({
      at: relayAt,
      run: (ctx) => {
        if (!noticeId) return;
        recordRelay(ctx, { noticeId, unitIds: bulk, at: relayAt, means, answeredBy: '' }, 'demo');
        counts.relays += bulk.length;
      },
    });
    phoned.forEach((unitId, k) => {
      const at = relayAt + (k + 1) * rng.int(1, 4) * MIN;
      const answeredBy = rng.pick(PHONE_NAMES);
      events.push({
        at,
        run: (ctx) => {
          if (!noticeId) return;
          recordRelay(ctx, { noticeId, unitIds: [unitId], at, means: 'phone', answeredBy }, 'demo');
          // Who answered the call confirms it there and then.
          recordReceipt(ctx, { noticeId, unitId, at, receiver: answeredBy }, 'demo');
          counts.relays++;
          counts.receipts++;
        },
      });
    });
    for (const unitId of bulk) {
      // The rest: most in time, some late, some never.
      const y = rng.next();
      if (y >= 0.92) continue;
      const at = relayAt + (y < 0.8 ? rng.int(1, receiptDeadlineMin - 1) : receiptDeadlineMin + rng.int(1, 90)) * MIN;
      const receiver = rng.pick(PHONE_NAMES);
      events.push({
        at,
        run: (ctx) => {
          if (!noticeId) return;
          recordReceipt(ctx, { noticeId, unitId, at, receiver }, 'demo');
          counts.receipts++;
        },
      });
    }
    if (feedbackDueAt !== null) {
      const due = feedbackDueAt;
      for (const unitId of targets) {
        const y = rng.next();
        if (y >= 0.85) continue;
        const at = y < 0.75 ? due - rng.int(10, 300) * MIN : due + rng.int(5, 180) * MIN;
        if (at <= relayAt) continue;
        const fed = `已落实：排查点位 ${rng.int(3, 40)} 个，转移群众 ${rng.int(0, 200)} 人`;
        events.push({
          at,
          run: (ctx) => {
            if (!noticeId) return;
            recordFeedback(ctx, { noticeId, unitId, at, text: fed }, 'demo');
            counts.feedback++;
          },
        });
      }
    }
  }
  return { events: events.filter((e) => e.at <= o.now), counts };
}

function sample(rng: Rng, items: readonly number[], n: number): number[] {
  const pool = [...items];
  const out: number[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!);
  return out;
}

export const noticesSummary = (c: NoticeCounts) => `${c.notices} notices, ${c.relays} relays, ${c.receipts} receipts, ${c.feedback} feedbacks`;
