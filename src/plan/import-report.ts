import { isCollective } from './import/units.js';
import type { ImportWarning } from './import-error.js';
import type { ImportResult } from './importer.js';
import { ALL_SECTIONS, type Item } from './types.js';

/**
 * What an office should check before `duban check`, from one import: counts, items with no lead,
 * collective units (kept as written, so someone must say who answers for them), time phrases that
 * were not read, and every other warning. Chinese first, English after, like every message.
 */
export function importReport(result: ImportResult, file: string): string {
  const { plan, warnings } = result;
  const items = plan.chapters.flatMap((c) => c.items);
  const withoutLead = items.filter((i) => i.leads.length === 0);
  const otherYear = warnings.filter((w) => w.kind === 'deadline-other-year');
  const unread = warnings.filter((w) => w.kind === 'deadline-unread');
  const rest = warnings.filter(
    (w) => !['no-lead', 'deadline-unread', 'deadline-other-year'].includes(w.kind ?? ''),
  );
  const collectives = collectiveUnits(items);
  const out: string[] = [
    `导入报告 / import report: ${file}`,
    `计划：${plan.title || '（无标题）'}，${plan.year} 年 / plan: ${plan.year}`,
    '',
    '数量 / counts',
    `  章节 / chapters: ${plan.chapters.length}`,
    `  事项 / items: ${items.length}`,
    `  有牵头单位 / with a lead: ${items.length - withoutLead.length}`,
    `  没有牵头单位 / without a lead: ${withoutLead.length}`,
    `  读出截止日期 / deadline read: ${items.filter((i) => i.deadline !== null).length}`,
    `  持续推进、无截止日期 / ongoing: ${items.filter(isOngoing).length}`,
    `  截止日期不在计划年度 / deadline in another year: ${otherYear.length}`,
    `  时间未能识别 / time not read: ${unread.length}`,
  ];
  section(
    out,
    '没有牵头单位的事项（请补上牵头单位）/ items with no lead',
    withoutLead,
    (i) => `${i.id} ${i.title}`,
  );
  section(
    out,
    '集体单位（原样保留，请确认由谁负责）/ collective units, kept as written',
    [...collectives],
    ([unit, ids]) => `${unit}：${ids.join('、')}`,
  );
  section(out, '截止日期不在计划年度（已保留）/ deadlines in another year, kept', otherYear, describe);
  section(out, '未能识别的时间（原样保留，未设截止日期）/ time phrases not read', unread, describe);
  section(out, '其他警告 / other warnings', rest, describe);
  return `${out.join('\n')}\n`;
}

function section<T>(out: string[], heading: string, entries: T[], line: (entry: T) => string): void {
  if (entries.length === 0) return;
  out.push('', `${heading}（${entries.length}）`, ...entries.map((e) => `  ${line(e)}`));
}

function describe(w: ImportWarning): string {
  return `${w.where ?? `第${w.line}行`}：${w.message}：${w.text}`;
}

/** No date, and a milestone that is neither dated nor recurring: tracked, never due. */
function isOngoing(item: Item): boolean {
  return item.deadline === null && item.milestones.some((m) => m.due === null && m.every === null);
}

/** Each collective unit named as lead or partner, with the items naming it, in plan order. */
function collectiveUnits(items: Item[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const item of items) {
    for (const unit of new Set([...item.leads, ...item.partners])) {
      // 各科室 is expanded by config (org.yaml); the others someone must resolve.
      if (!isCollective(unit) || unit === ALL_SECTIONS) continue;
      found.set(unit, [...(found.get(unit) ?? []), item.id]);
    }
  }
  return found;
}
