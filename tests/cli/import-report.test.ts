import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDuban } from '../helpers/cli-io.js';
import { REFERENCE_PLAN_PATH } from '../helpers/reference-plan.js';

async function report(doc: string) {
  const dir = await mkdtemp(join(tmpdir(), 'duban-report-'));
  const path = join(dir, 'plan.txt');
  await writeFile(path, doc);
  return runDuban(['import', path, '--report']);
}

describe('duban import --report', () => {
  it('lists counts, items with no lead, collective units, unread times and other warnings, Chinese first', async () => {
    const { code, out, err } = await report(
      [
        '某局2023年工作要点',
        '一、甲',
        '（一）做A。（牵头单位：办公室；配合单位：各有关单位；完成时限：立即）',
        '（二）做B。（配合单位：财务科；完成时限：长期）',
        '（三）做C。（牵头单位：各区、县级市；完成时限：2023—2025年）',
        '（四）做D。（牵头单位：办公室；完成时限：6月底前）',
        '落款：某某',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('导入报告 / import report: ');
    for (const count of [
      '章节 / chapters: 1',
      '事项 / items: 4',
      '有牵头单位 / with a lead: 3',
      '没有牵头单位 / without a lead: 1',
      '读出截止日期 / deadline read: 2',
      '持续推进、无截止日期 / ongoing: 1',
      '截止日期不在计划年度 / deadline in another year: 1',
      '时间未能识别 / time not read: 1',
    ]) {
      expect(out).toContain(`  ${count}\n`);
    }
    expect(out).toMatch(/没有牵头单位的事项.*（1）\n {2}1\.2 做B\n/);
    expect(out).toMatch(/集体单位.*（2）\n {2}各有关单位：1\.1\n {2}各区、县级市：1\.3\n/);
    expect(out).toMatch(/未能识别的时间.*（1）\n {2}第3行：事项 1\.1 的完成时限「立即」/);
    expect(out).toMatch(/截止日期不在计划年度.*（1）\n {2}第5行：事项 1\.3 的完成时限「2023—2025年」/);
    expect(out).toMatch(/其他警告.*（1）\n {2}第7行：不属于任何事项.*：落款：某某\n/);
    expect(out.indexOf('导入报告')).toBeLessThan(out.indexOf('import report'));
  });

  it('has nothing to list for the reference plan but its counts', async () => {
    const { code, out } = await runDuban(['import', REFERENCE_PLAN_PATH, '--report']);
    expect(code).toBe(0);
    expect(out).toContain('  事项 / items: 24\n');
    expect(out).toContain('  没有牵头单位 / without a lead: 0\n');
    expect(out).not.toContain('其他警告');
    expect(out).not.toContain('没有牵头单位的事项');
  });
});
