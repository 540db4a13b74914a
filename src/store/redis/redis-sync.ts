import { StoreUnavailableError } from '../errors.js';
import {
  changedSync,
  diffSnapshot,
  type Snapshot,
  type SnapshotDiff,
  syncNote,
  unchangedSync,
} from '../snapshot.js';
import type { SyncResult } from '../store.js';
import type { PlanKeys } from './keys.js';
import type { RedisClient } from './lua-script.js';
import { oneOf } from './replies.js';
import { syncScript } from './scripts/sync-script.js';

/** Syncs racing each other retry this often before giving up (each retry recomputes the diff). */
const MAX_ATTEMPTS = 5;

/**
 * Writes `next` to Redis: reads the stored digests, computes the diff here, and applies it with
 * the sync script, which refuses (conflict) if another sync landed in between — then we re-read
 * and retry. No step is check-then-set: the check and the writes are one script.
 */
export async function syncSnapshot(
  client: RedisClient,
  keys: PlanKeys,
  next: Snapshot,
  at: string,
  by: string,
): Promise<SyncResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = (await client.hget(keys.meta, 'digest')) ?? '';
    const diff = current === next.digest ? undefined : diffSnapshot(await readDigests(client, keys), next);
    const reply = oneOf(
      await syncScript.run(
        client,
        [keys.meta, keys.digests, keys.occurrences, keys.archived, keys.chapters, keys.audit],
        [current, payload(next, diff, at, by)],
      ),
      ['unchanged', 'ok', 'conflict'],
      'sync script reply',
    );
    if (reply === 'unchanged') return unchangedSync();
    if (reply === 'ok' && diff) return changedSync(diff);
  }
  throw new StoreUnavailableError(
    `plan sync kept conflicting with other syncs (${MAX_ATTEMPTS} attempts); retry`,
  );
}

async function readDigests(client: RedisClient, keys: PlanKeys): Promise<Map<string, string>> {
  return new Map(Object.entries(await client.hgetall(keys.digests)));
}

function payload(next: Snapshot, diff: SnapshotDiff | undefined, at: string, by: string): string {
  return JSON.stringify({
    digest: next.digest,
    version: next.version,
    title: next.title,
    year: next.year,
    at,
    by,
    note: diff ? syncNote(diff, next.version) : '',
    chapters: next.chapters.map((c) => [c.number, c.title]),
    items: (diff?.itemWrites ?? []).map((e) => [e.record.id, e.digest]),
    archivedItems: diff?.archivedItems ?? [],
    occurrences: (diff?.occurrenceWrites ?? []).map((e) => [e.record.id, e.digest, e.json]),
    archivedOccurrences: diff?.archivedOccurrences ?? [],
  });
}
