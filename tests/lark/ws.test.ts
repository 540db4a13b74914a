import { afterEach, describe, expect, it } from 'vitest';
import { createEventDispatcher } from '../../src/lark/inbound/dispatcher.js';
import { startLongConnection } from '../../src/lark/ws.js';
import { memoryClaims } from '../helpers/lark-claims.js';
import { silentLogger } from '../helpers/lark-log.js';
import { type RunningStandIn, startStandIn, TEST_APP_ID, TEST_APP_SECRET } from '../helpers/lark-stand-in.js';

/** The long connection itself needs a real Lark; what we can check is the wiring up to it. */
function setup() {
  const dispatcher = createEventDispatcher({
    botOpenId: 'ou_bot',
    claimOnce: memoryClaims().claimOnce,
    onMessage: async () => {},
    onCardAction: async () => ({ toast: { type: 'info', content: '' } }),
    logger: silentLogger,
  });
  return { dispatcher };
}

describe('startLongConnection', () => {
  let running: RunningStandIn | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('refuses an app id the SDK would silently ignore', () => {
    const { dispatcher } = setup();
    expect(() =>
      startLongConnection({ appId: 'my-app', appSecret: 's', dispatcher, logger: silentLogger }),
    ).toThrow(/LARK_EVENT_MODE=ws needs LARK_APP_ID like cli_/);
  });

  it('starts the SDK’s WSClient with our app and domain', async () => {
    running = await startStandIn();
    const { dispatcher } = setup();
    const asked = new Promise<string>((resolve) =>
      running!.standIn.state.on('response', (r: { path: string }) => {
        if (r.path === '/callback/ws/endpoint') resolve(r.path);
      }),
    );
    const connection = startLongConnection({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running.url,
      dispatcher,
      logger: silentLogger,
    });
    try {
      expect(await asked).toBe('/callback/ws/endpoint');
    } finally {
      connection.close();
    }
  });
});
