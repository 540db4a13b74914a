import { describe, expect, it } from 'vitest';
import { ChartRenderer } from '../../src/chart/chart-renderer.js';
import { CHART_COLOURS, CHART_WIDTH, type ProgressChartInput } from '../../src/chart/progress-chart.js';
import { decodePng } from '../helpers/png-pixels.js';

const renderer = new ChartRenderer();

const bar = (label: string, done: number, open: number, overdue: number, awaiting = 0) => ({
  label,
  done,
  awaiting,
  open,
  overdue,
});

describe('the progress chart', () => {
  it('draws each bar split by state, in proportion to the counts', async () => {
    const input: ProgressChartInput = {
      title: '督办进度',
      panels: [{ heading: '按牵头科室', bars: [bar('金融服务中心', 1, 1, 2)] }],
    };
    const pixels = decodePng(await renderer.progressPng(input));
    expect(pixels.width).toBe(CHART_WIDTH);
    const counts = pixels.colours();
    const green = counts.get(CHART_COLOURS.done) ?? 0;
    const blue = counts.get(CHART_COLOURS.open) ?? 0;
    const red = counts.get(CHART_COLOURS.overdue) ?? 0;
    // Each state also has a 16×16 legend square; the bar is 1 : 1 : 2.
    const legend = 16 * 16;
    expect(green - legend).toBeGreaterThan(1000);
    expect((blue - legend) / (green - legend)).toBeCloseTo(1, 1);
    expect((red - legend) / (green - legend)).toBeCloseTo(2, 1);
    expect(counts.has(CHART_COLOURS.awaiting)).toBe(false);
  });

  it('shows 待销号 only when some bar has it', async () => {
    const svg = async (awaiting: number) =>
      await renderer.progressSvg({
        title: 't',
        panels: [{ heading: 'h', bars: [bar('办公室', 1, 1, 0, awaiting)] }],
      });
    expect(await svg(0)).not.toContain(CHART_COLOURS.awaiting);
    expect(await svg(2)).toContain(CHART_COLOURS.awaiting);
    const counts = decodePng(
      await renderer.progressPng({
        title: 't',
        panels: [{ heading: 'h', bars: [bar('办公室', 1, 1, 0, 2)] }],
      }),
    ).colours();
    expect(counts.get(CHART_COLOURS.awaiting) ?? 0).toBeGreaterThan(1000);
  });

  it('leaves out bars with nothing to count and grows with the rows it has', async () => {
    const tall = decodePng(
      await renderer.progressPng({
        title: 't',
        panels: [{ heading: 'h', bars: ['一', '二', '三', '四'].map((l) => bar(`${l}科`, 1, 0, 0)) }],
      }),
    );
    const short = decodePng(
      await renderer.progressPng({
        title: 't',
        panels: [{ heading: 'h', bars: [bar('一科', 1, 0, 0), bar('空科', 0, 0, 0)] }],
      }),
    );
    expect(tall.height - short.height).toBe(3 * 30);
  });

  it("stays within Lark's 16:9 (height:width) however many sections lead work", async () => {
    const many = Array.from({ length: 60 }, (_, i) => bar(`科室${i + 1}`, 1, 1, 1));
    const tall = decodePng(
      await renderer.progressPng({ title: 't', panels: [{ heading: 'h', bars: many }] }),
    );
    expect(tall.height).toBeGreaterThan(1700);
    expect(tall.height / tall.width).toBeLessThanOrEqual(16 / 9);
    const usual = decodePng(
      await renderer.progressPng({ title: 't', panels: [{ heading: 'h', bars: many.slice(0, 12) }] }),
    );
    expect(usual.width).toBe(CHART_WIDTH);
  });

  it('says so when a panel has no bars, and carries no markup from names', async () => {
    const svg = await renderer.progressSvg({
      title: '<script>&',
      panels: [{ heading: '按牵头科室', bars: [] }],
    });
    // Text is outlines: a name with markup characters cannot reach the SVG as markup.
    expect(svg).not.toContain('<script>');
    const ink = async (panels: ProgressChartInput['panels']) =>
      decodePng(await renderer.progressPng({ title: '', panels })).ink();
    // The empty panel's only text is 暂无牵头任务 (its heading is blank).
    expect((await ink([{ heading: '', bars: [] }])) - (await ink([]))).toBeGreaterThan(300);
  });
});
