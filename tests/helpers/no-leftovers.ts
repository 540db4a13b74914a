import { afterAll, vi } from 'vitest';

/**
 * vitest setupFile: test files share a worker process and its loaded modules (vitest.config.ts,
 * isolate: false), so a file must not leave process-wide state for the next one. After each file,
 * fake timers still on or a changed environment variable fails that file, naming what to undo;
 * both are put back first, so the next file starts clean either way.
 */
const envAtStart = { ...process.env };

afterAll(() => {
  const left: string[] = [];
  if (vi.isFakeTimers()) {
    vi.useRealTimers();
    left.push('fake timers still on: call vi.useRealTimers() in an afterEach or finally');
  }
  const names = new Set([...Object.keys(envAtStart), ...Object.keys(process.env)]);
  for (const name of names) {
    if (process.env[name] === envAtStart[name]) continue;
    left.push(
      `process.env.${name} changed: set it back (or pass an env object instead of writing process.env)`,
    );
    if (envAtStart[name] === undefined) delete process.env[name];
    else process.env[name] = envAtStart[name];
  }
  if (left.length > 0)
    throw new Error(
      `this file left process-wide state behind for the next file in its worker:\n- ${left.join('\n- ')}`,
    );
});
