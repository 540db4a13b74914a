import { once } from 'node:events';
import type { RunningServer } from '../../src/app/server.js';
import type { PageMessage } from '../../src/emulator/page/message-view.js';

/** A JSON call to local mode's emulator page API, as the page makes it. */
export async function pageApi<T = Record<string, unknown>>(
  duban: { url: string },
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${duban.url}/emulator/api/${path}`, {
    ...(body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function timeline(duban: { url: string }, chatId: string): Promise<PageMessage[]> {
  return (await pageApi<{ messages: PageMessage[] }>(duban, `chats/${chatId}/messages`)).body.messages;
}

/**
 * The first message in a chat's timeline that `matches`, waiting for the bot's next messages
 * (the stand-in announces each) until one does.
 */
export async function waitForTimeline(
  duban: RunningServer,
  chatId: string,
  matches: (m: PageMessage) => boolean,
  timeoutMs = 5_000,
): Promise<PageMessage> {
  const state = duban.local!.standIn.state;
  const signal = AbortSignal.timeout(timeoutMs);
  for (;;) {
    const waiting = once(state, 'message', { signal }).catch(() => undefined);
    const found = (await timeline(duban, chatId)).find(matches);
    if (found) return found;
    if ((await waiting) === undefined)
      throw new Error(`no message in ${chatId} matched within ${timeoutMs} ms`);
  }
}

export const cardText = (m: PageMessage): string => JSON.stringify(m.card ?? m.text ?? '');
