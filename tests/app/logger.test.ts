import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';

describe('the logger', () => {
  it('writes JSON lines and redacts secrets wherever they appear in a record', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      { appSecret: 's3cret', lark: { app_secret: 's3cret', tenant_access_token: 't-123' } },
      'starting',
    );
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      msg: 'starting',
      appSecret: '[redacted]',
      lark: { app_secret: '[redacted]' },
    });
    expect(lines[0]).not.toContain('s3cret');
    expect(lines[0]).not.toContain('t-123');
  });
});
