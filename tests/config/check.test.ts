import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { BAD_VALUES_DIR, BAD_YAML_DIR, REAL_CONFIG_DIR, REPO_ROOT } from './paths.js';

describe('duban check', () => {
  it('passes on the real config/ and counts what it loaded', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    const code = await runCli(['check'], io);
    expect(io.stderr()).toBe('');
    expect(io.stdout()).toBe('config OK: 10 chapters, 24 items, 15 sections\n');
    expect(code).toBe(0);
  });

  it('reads CONFIG_DIR when --dir is not given', async () => {
    const io = captureIo({ cwd: '/', env: { CONFIG_DIR: BAD_YAML_DIR } });
    expect(await runCli(['check'], io)).toBe(2);
    expect(io.stderr()).toContain(`config in ${BAD_YAML_DIR.replace(/\/$/, '')}: 2 problems`);
  });

  it('--dir wins over CONFIG_DIR', async () => {
    const io = captureIo({ env: { CONFIG_DIR: BAD_YAML_DIR } });
    expect(await runCli(['check', '--dir', REAL_CONFIG_DIR], io)).toBe(0);
  });

  it('names every planted error in one run, with file, path and fix, and exits 2', async () => {
    const io = captureIo();
    const code = await runCli(['check', '--dir', BAD_VALUES_DIR], io);
    expect(io.stdout()).toBe('');
    expect(io.stderr().split('\n')).toEqual([
      'warning: org.yaml: sections[13].head: 韩旭 has no open_id or email, so duban cannot @-mention them — add open_id (or email)',
      'org.yaml: sections[4].head.open_id: not a Lark open_id — an open_id looks like ou_ followed by letters and digits (Lark admin console → member details)',
      'plan-2023.yaml: chapters[0].items[1]: unknown key "owner" — allowed keys here: id, title, text, points, leads, partners, deadline, milestones, targets, deadlineText',
      'plan-2023.yaml: chapters[5].items[1].id: 6.1 is used twice (also chapters[5].items[0].id) — give each item its own id',
      'plan-2023.yaml: chapters[7].items[3].leads[0]: 监察科 is not a section in org.yaml — did you mean 监督科?',
      "plan-2023.yaml: chapters[7].items[3].milestones[0].due: 2022-09-30 is outside the plan year 2023 — use a date in 2023, or check the plan's year",
      'reminders.yaml: weekly_digest: unknown key "chat" — allowed keys here: weekday, at',
      `config in ${BAD_VALUES_DIR.replace(/\/$/, '')}: 6 problems`,
      '',
    ]);
    expect(code).toBe(2);
  });

  it('reports YAML syntax errors in every file with line and column', async () => {
    const io = captureIo();
    const code = await runCli(['check', '--dir', BAD_YAML_DIR], io);
    expect(io.stderr().split('\n').slice(0, 2)).toEqual([
      'org.yaml:47:5: YAML syntax: Flow map in block collection must be sufficiently indented and end with a } — check the indentation, colons and quotes on this line and the one before',
      'reminders.yaml:10:1: YAML syntax: Missing closing "quote — add the missing closing quote or bracket',
    ]);
    expect(code).toBe(2);
  });

  it('refuses stray arguments and unknown options as usage errors', async () => {
    const stray = captureIo();
    expect(await runCli(['check', 'config'], stray)).toBe(2);
    expect(stray.stderr()).toContain('usage: duban check [--dir DIR]');
    const unknown = captureIo();
    expect(await runCli(['check', '--json'], unknown)).toBe(2);
    expect(unknown.stderr()).toContain('unknown option --json');
  });

  it('says so when the directory does not exist', async () => {
    const io = captureIo();
    expect(await runCli(['check', '--dir', '/nonexistent/duban-config'], io)).toBe(2);
    expect(io.stderr()).toContain(
      '/nonexistent/duban-config: no such directory — pass --dir DIR or set CONFIG_DIR',
    );
  });
});
