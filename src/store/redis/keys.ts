/**
 * Every Redis key duban uses, built here and nowhere else; scripts get theirs as KEYS.
 *
 * A plan's keys start with the hash tag `{<prefix>:<year>}` so they live in one Cluster slot and a
 * script or a MULTI may touch any of them. Keys outside a plan (claims, message mapping) are
 * single-key and carry only the prefix.
 *
 *   {duban:2023}:meta               hash   digest, version, syncedAt, title, year
 *   {duban:2023}:digests            hash   i:<item> / o:<occurrence> → record digest (active only)
 *   {duban:2023}:archived           hash   o:<occurrence> → ISO time archived (i:<item> from older versions)
 *   {duban:2023}:chapters           hash   chapter number → title
 *   {duban:2023}:occ                hash   occurrence id → OccurrenceRecord JSON
 *   {duban:2023}:conf:<occurrence>  hash   section → Confirmation JSON
 *   {duban:2023}:verifications      hash   occurrence id → Verification JSON
 *   {duban:2023}:audit              stream at, by, action, occurrence, section, note, source
 *   {duban:2023}:progress-notes     list   ProgressNote JSON, oldest first (进展填报)
 *   {duban:2023}:progress-requests  hash   message id → ProgressRequest JSON (the monthly request cards)
 *   {duban:2023}:ledger-lost        string ISO time the ledger was found lost, until an admin acknowledges
 *   duban:claim:<key>               string claimOnce
 *   {duban:reminders}:reminder:<key>     string held:<owner>:<deadline ms> | sent (claimReminder)
 *   {duban:reminders}:owner:<process>    string liveness of a sweeping process (beatOwner, PX)
 *   {duban:reminders}:msg:<message id>   string JSON array of occurrence ids (written with the marks)
 *   duban:reminder:<key>, duban:msg:<id> the same before lease owners; read only, for sent marks
 *                                        and mappings written by older versions (≤ 90 days)
 *   {duban:send}:app-s / app-m      zset   Lark sends of the last second / minute, all replicas
 *   {duban:send}:lane:<lane>        zset   sends to one chat in the last second (sendSlot)
 *
 * Keys older versions wrote and this one neither reads nor writes are left where they are:
 * nothing deletes them and they do no harm. They are the search index and item lookups (now
 * answered from the plan in memory) and the due-day indexes (views are now computed from the
 * records): `items`, `search`, `item-index`, `sections`, `due`, `open`, `verified`, and the
 * families `term:`, `sec-lead:`, `sec-partner:`, `item-occ:`, `ch-due:`, `ch-open:`, `ch-ver:`,
 * `sec-due:`, `sec-open:`, `sec-ver:`. Older replicas read those indexes and this version no
 * longer keeps them up to date, so stop every older replica before starting this one. Then, to
 * reclaim the space, per plan year (here `duban`, 2023):
 *
 *   redis-cli unlink '{duban:2023}:items' '{duban:2023}:search' '{duban:2023}:item-index' \
 *     '{duban:2023}:sections' '{duban:2023}:due' '{duban:2023}:open' '{duban:2023}:verified'
 *   for f in term sec-lead sec-partner item-occ ch-due ch-open ch-ver sec-due sec-open sec-ver; do
 *     redis-cli --scan --pattern "{duban:2023}:$f:*" | xargs -r -d '\n' -n 500 redis-cli unlink
 *   done
 *
 * (On Cluster, run the scan against the node that owns the slot of `{duban:2023}`.)
 */

export interface PlanKeys {
  /** `{prefix:year}:`, the start every key of the plan shares. */
  base: string;
  meta: string;
  digests: string;
  archived: string;
  chapters: string;
  occurrences: string;
  verifications: string;
  audit: string;
  progressNotes: string;
  progressRequests: string;
  /** Set when Redis lost the ledger; cleared by an admin's acknowledgement (ledger-loss.ts). */
  ledgerLost: string;
  confirmations(occurrenceId: string): string;
  /** 佐证材料 of one occurrence: `<message id>:<key>` → Evidence JSON. */
  evidence(occurrenceId: string): string;
}

/** The keys of the plan `year` under `prefix`. */
export function planKeys(prefix: string, year: number): PlanKeys {
  const base = `{${prefix}:${year}}:`;
  return {
    base,
    meta: `${base}meta`,
    digests: `${base}digests`,
    archived: `${base}archived`,
    chapters: `${base}chapters`,
    occurrences: `${base}occ`,
    verifications: `${base}verifications`,
    audit: `${base}audit`,
    progressNotes: `${base}progress-notes`,
    progressRequests: `${base}progress-requests`,
    ledgerLost: `${base}ledger-lost`,
    confirmations: (occurrenceId) => `${base}conf:${occurrenceId}`,
    evidence: (occurrenceId) => `${base}evidence:${occurrenceId}`,
  };
}

export interface GlobalKeys {
  claim(key: string): string;
  /** Reminder leases, owner liveness and message mappings share the tag `{prefix:reminders}`. */
  message(messageId: string): string;
  reminder(key: string): string;
  owner(process: string): string;
  /** owner('') — the scripts append the holder's process id read from a lease value. */
  ownerBase: string;
  /** Where versions before lease owners kept sent marks and message mappings (read only). */
  legacyReminder(key: string): string;
  legacyMessage(messageId: string): string;
  /** Send windows share one hash tag, so the gate script may touch them together on Cluster. */
  send(window: string): string;
}

export function globalKeys(prefix: string): GlobalKeys {
  const reminders = `{${prefix}:reminders}:`;
  return {
    claim: (key) => `${prefix}:claim:${key}`,
    message: (messageId) => `${reminders}msg:${messageId}`,
    reminder: (key) => `${reminders}reminder:${key}`,
    owner: (process) => `${reminders}owner:${process}`,
    ownerBase: `${reminders}owner:`,
    legacyReminder: (key) => `${prefix}:reminder:${key}`,
    legacyMessage: (messageId) => `${prefix}:msg:${messageId}`,
    send: (window) => `{${prefix}:send}:${window}`,
  };
}

/** Patterns matching every key under `prefix` (for tests and benches that clean up after themselves). */
export function keyPatterns(prefix: string): string[] {
  return [`{${prefix}:*`, `${prefix}:*`];
}
