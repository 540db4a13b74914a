import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PLAN_CHARS, readPlanDocument } from '../../src/cli/read-document.js';
import { importPlan } from '../../src/plan/importer.js';
import { runDuban } from '../helpers/cli-io.js';
import { gbk } from '../helpers/gbk.js';
import { readReferencePlan } from '../helpers/reference-plan.js';

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-read-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('readPlanDocument reads the encodings offices save in', () => {
  const reference = readReferencePlan();

  it.each([
    ['GBK', gbk(reference)],
    ['UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(reference, 'utf16le')])],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(reference)])],
  ])('%s text imports exactly as the UTF-8 original', async (_name, bytes) => {
    const text = await readPlanDocument(await fileWith('plan.txt', bytes));
    expect(importPlan(text).plan).toEqual(importPlan(reference).plan);
  });

  it('reads a page saved as .html, skipping its head, scripts and styles', async () => {
    const html = `<!DOCTYPE html><html><head><title>网页标题</title><style>p{color:red}</style></head><body>
      <script>var x = "一、不是正文";</script><!-- 注释 -->
      <div>某局2024年工作要点</div><p>一、甲章</p>
      <p>（一）做A事。（牵头科室：办公室；完成时限：6月底前）</p></body></html>`;
    const { plan, warnings } = importPlan(await readPlanDocument(await fileWith('plan.html', html)));
    expect(plan.title).toBe('某局2024年工作要点');
    expect(plan.chapters[0]!.items[0]).toMatchObject({ leads: ['办公室'], deadline: '2024-06-30' });
    expect(warnings).toEqual([]);
  });
});

describe('readPlanDocument refuses what is not a plan, saying what and how to fix it (Chinese first)', () => {
  const refusal = async (path: string) => {
    const error = await readPlanDocument(path).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    expect(error!.message.replace(path, '')).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fa5]/);
    return error!.message;
  };

  it('an empty file', async () => {
    expect(await refusal(await fileWith('empty.txt', '  \n\n'))).toMatch(/是空的.*is empty/);
  });

  it('a missing file and a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-read-'));
    expect(await refusal(join(dir, 'nope.txt'))).toMatch(/文件不存在.*ENOENT/);
    await mkdir(join(dir, 'sub'));
    expect(await refusal(join(dir, 'sub'))).toMatch(/是一个目录/);
  });

  it('a PDF, an old .doc, and binary bytes', async () => {
    expect(await refusal(await fileWith('plan.pdf', '%PDF-1.7\n...'))).toMatch(/PDF/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await refusal(await fileWith('plan.txt', ole))).toMatch(/另存为 \.docx/);
    expect(
      await refusal(await fileWith('plan.txt', Buffer.from([0x80, 0xff, 0x00, 0x01, 0xfe, 0x02]))),
    ).toMatch(/不是文本文件/);
  });

  it('text over the size limit, with the count and the limit', async () => {
    const huge = `某局2024年工作要点\n${'字'.repeat(MAX_PLAN_CHARS)}`;
    expect(await refusal(await fileWith('huge.txt', huge))).toMatch(/超过上限 1,000,000.*over the limit/);
  });

  it('exits 2 through the CLI with that message', async () => {
    const { code, err } = await runDuban(['import', await fileWith('empty.txt', '')]);
    expect(code).toBe(2);
    expect(err).toMatch(/是空的/);
  });
});
