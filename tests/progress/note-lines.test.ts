import { describe, expect, it } from 'vitest';
import { latestNoteLines } from '../../src/progress/note-lines.js';
import type { ProgressNote } from '../../src/store/progress-reports.js';

const note = (section: string, by: string, text: string, at: string): ProgressNote => ({
  itemId: '8.4',
  section,
  by,
  byOpenId: `ou_${by}`,
  text,
  at,
});

describe('the latest note of each section, as cards show it', () => {
  it('keeps each section’s newest, dated in the plan’s time zone', () => {
    const lines = latestNoteLines(
      [
        note('国资科', '张三', '已完成2家', '2023-10-25T01:00:00.000Z'),
        note('监督科', '曹阳', '检查中', '2023-11-01T01:00:00.000Z'),
        // 11-24 23:30 UTC is 11-25 in Beijing.
        note('国资科', '张三', '已完成3家抽查', '2023-11-24T23:30:00.000Z'),
      ],
      'Asia/Shanghai',
    );
    expect(lines).toEqual([
      '最新进展（国资科 张三 11-25）：已完成3家抽查',
      '最新进展（监督科 曹阳 11-01）：检查中',
    ]);
  });

  it('shows what a member typed as text, never as markup, on one clipped line', () => {
    const [line] = latestNoteLines(
      [
        note(
          '国资科',
          '张三',
          `<at id=all></at> [领取](https://x.example)\n${'很长'.repeat(60)}`,
          '2023-11-25T01:00:00.000Z',
        ),
      ],
      'Asia/Shanghai',
    );
    expect(line).not.toMatch(/<at|\]\(|\n/);
    expect(line).toContain('&#60;at id=all&#62;');
    expect(line!.endsWith('…')).toBe(true);
  });
});
