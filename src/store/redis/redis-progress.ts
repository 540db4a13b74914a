import {
  checkedMonth,
  checkedNote,
  type NewProgressNote,
  NOTE_FIELDS,
  type ProgressNote,
  type ProgressReports,
  type ProgressRequest,
  parseStored,
  REQUEST_FIELDS,
} from '../progress-reports.js';
import { resolveItemRef } from '../store-args.js';
import type { PlanKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { guarded } from './unavailable.js';

/**
 * Progress notes and request cards in Redis, under the plan year's keys: notes in one list
 * (RPUSH, so two replicas appending at once both land), requests in one hash by message id. A
 * year holds a few hundred of each, so reads take the whole key and filter.
 */
export class RedisProgress implements ProgressReports {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: PlanKeys,
    private readonly clock: () => Date,
  ) {}

  async addProgressNote(note: NewProgressNote): Promise<ProgressNote> {
    const stored = checkedNote(note, this.clock());
    await guarded(() => this.client.rpush(this.keys.progressNotes, JSON.stringify(stored)));
    return stored;
  }

  async progressNotes(itemId?: string): Promise<ProgressNote[]> {
    const id = itemId === undefined ? undefined : resolveItemRef(itemId);
    const all = await guarded(() => this.client.lrange(this.keys.progressNotes, 0, -1));
    return all
      .map((json) => parseStored<ProgressNote>(json, 'progress note', NOTE_FIELDS))
      .filter((n) => id === undefined || n.itemId === id);
  }

  async recordProgressRequest(request: ProgressRequest): Promise<void> {
    checkedMonth(request.month);
    await guarded(() =>
      this.client.hset(this.keys.progressRequests, request.messageId, JSON.stringify(request)),
    );
  }

  async progressRequest(messageId: string): Promise<ProgressRequest | null> {
    const json = await guarded(() => this.client.hget(this.keys.progressRequests, messageId));
    return json === null ? null : parseStored<ProgressRequest>(json, 'progress request', REQUEST_FIELDS);
  }

  async progressRequests(month: string): Promise<ProgressRequest[]> {
    checkedMonth(month);
    const all = await guarded(() => this.client.hvals(this.keys.progressRequests));
    return all
      .map((json) => parseStored<ProgressRequest>(json, 'progress request', REQUEST_FIELDS))
      .filter((r) => r.month === month)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }
}
