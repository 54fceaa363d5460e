// Benchmark (plain Node): the daily-report import at its largest and the hostile files it refuses.
// A flood season of 100 units × 120 days, every cell filled (12,000 rows), imported into a fresh
// database; then the refusals (50 MB, truncated, zip bomb) timed. `npx tsx test/bench/zero-import-bench.ts`
import ExcelJS from 'exceljs';
import { periodFieldsSchema } from '../../shared/domain/special-period.js';
import { daysOf } from '../../shared/domain/zero-reports.js';
import { importReports } from '../../electron/services/periods/import.js';
import { createPeriod } from '../../electron/services/periods/periods.js';
import { createUnit } from '../../electron/services/units.js';
import { testContext } from '../helpers/context.js';
import { zipOf } from '../helpers/zip.js';

const ctx = testContext({ now: Date.parse('2026-10-01T00:00:00+08:00') });
const units = Array.from({ length: 100 }, (_, i) => createUnit(ctx, { name: `第${i + 1}报送单位`, kind: 'department', dutyPhone: '027-8888 0000', fax: '', contactName: '', contactTitle: '', contactPhone: '', address: '', notes: '' }));
const p = createPeriod(ctx, periodFieldsSchema.parse({ name: '2026年汛期', startDay: '2026-06-01', endDay: '2026-09-28', unitIds: units.map((u) => u.id), covers: ['雨情', '险情', '转移人数'] }));
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('每日报告');
ws.addRow(['单位', '日期', '接报时间', '雨情', '险情', '转移人数', '备注']);
for (const day of daysOf(p)) for (const u of units) ws.addRow([u.name, day, `${day} 15:${String(u.id % 60).padStart(2, '0')}`, '小雨 5 mm', '无', '0', '']);
const buf = Buffer.from(await wb.xlsx.writeBuffer());
const time = async (name: string, f: () => Promise<unknown>) => {
  const t0 = performance.now();
  const r = await f().catch((e: Error) => e.message);
  console.log(`${name}: ${(performance.now() - t0).toFixed(0)} ms → ${JSON.stringify(r)}`);
};
console.log(`workbook: ${ws.rowCount - 1} rows, ${(buf.length / 1024 / 1024).toFixed(2)} MB`);
{ const { loadWorkbook } = await import("../../electron/export/workbook-import.js"); const t0 = performance.now(); await loadWorkbook(buf); console.log(`load only: ${(performance.now() - t0).toFixed(0)} ms`); }
await time('import 12,000 rows', () => importReports(ctx, p.id, buf));
await time('refuse 50 MB', () => importReports(ctx, p.id, Buffer.concat([buf, Buffer.alloc(50 * 1024 * 1024)])));
await time('refuse truncated', () => importReports(ctx, p.id, buf.subarray(0, buf.length >> 1)));
const bomb = zipOf([['[Content_Types].xml', Buffer.from('<Types/>')], ['xl/workbook.xml', Buffer.alloc(200 * 1024 * 1024, 0x20)]]);
await time(`refuse zip bomb (${(bomb.length / 1024).toFixed(0)} KB → 200 MB)`, () => importReports(ctx, p.id, bomb));
