import type { Store } from '../store/store.js';
import type { LiveCard } from './reply.js';

/**
 * How a sent card is drawn again — its view, section, note and the occurrences it shows, in card
 * order — kept with the store's own primitive (rememberMessage, under a key no Lark message id can
 * take). The App writes it when it sends a live card; a reply reads it to know which section the
 * card addressed.
 */
const VIEWS: readonly LiveCard['view'][] = ['reminder', 'escalation', 'which', 'verify'];

export const liveViewKey = (messageId: string) => `live-view:${messageId}`;

export function encodeLiveView(card: LiveCard): string[] {
  return [card.view, card.section, card.note ?? '', ...card.occurrenceIds];
}

export async function readLiveView(
  store: Pick<Store, 'occurrencesForMessage'>,
  messageId: string,
): Promise<LiveCard | undefined> {
  const [view, section = '', note = '', ...occurrenceIds] = await store.occurrencesForMessage(
    liveViewKey(messageId),
  );
  const known = VIEWS.find((v) => v === view);
  return known ? { view: known, section, ...(note ? { note } : {}), occurrenceIds } : undefined;
}
