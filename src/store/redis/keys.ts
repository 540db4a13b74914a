/**
 * Every Redis key duban uses, built here and nowhere else — in TypeScript, and for the Lua scripts
 * as generated helper functions (`luaKeyHelpers`) from the same tables.
 *
 * A plan's keys start with the hash tag `{<prefix>:<year>}` so they live in one Cluster slot and a
 * script may touch any of them. Keys outside a plan (claims, message mapping) are single-key and
 * carry only the prefix.
 *
 *   {duban:2023}:meta               hash   digest, version, syncedAt, title, year
 *   {duban:2023}:digests            hash   i:<item> / o:<occurrence> → record digest (active only)
 *   {duban:2023}:archived           hash   o:<occurrence> → ISO time archived (i:<item> from older versions)
 *   {duban:2023}:chapters           hash   chapter number → title
 *   {duban:2023}:sections           set    every section that ever led an occurrence
 *   {duban:2023}:occ                hash   occurrence id → OccurrenceRecord JSON
 *   {duban:2023}:item-occ:<item>    zset   active occurrence ids of an item, by due day
 *   {duban:2023}:due / open / verified          zset  active / not done / verified, by due day
 *   {duban:2023}:ch-due|ch-open|ch-ver:<n>      zset  the same per chapter
 *   {duban:2023}:sec-due|sec-open|sec-ver:<s>   zset  per lead section; open = s has not confirmed
 *   {duban:2023}:conf:<occurrence>  hash   section → Confirmation JSON
 *   {duban:2023}:verifications      hash   occurrence id → Verification JSON
 *   {duban:2023}:audit              stream at, by, action, occurrence, section, note, source
 *   duban:claim:<key>               string claimOnce
 *   {duban:reminders}:reminder:<key>     string held:<owner>:<deadline ms> | sent (claimReminder)
 *   {duban:reminders}:owner:<process>    string liveness of a sweeping process (beatOwner, PX)
 *   {duban:reminders}:msg:<message id>   string JSON array of occurrence ids (written with the marks)
 *   duban:reminder:<key>, duban:msg:<id> the same before lease owners; read only, for sent marks
 *                                        and mappings written by older versions (≤ 90 days)
 *   {duban:send}:app-s / app-m      zset   Lark sends of the last second / minute, all replicas
 *   {duban:send}:lane:<lane>        zset   sends to one chat in the last second (sendSlot)
 *
 * Due-day scores are `yyyymmdd` numbers (dayNumber) so a date window is one ZRANGEBYSCORE.
 *
 * Keys older versions wrote and this one no longer reads or writes are left where they are:
 * nothing here deletes them, and they do no harm. To reclaim the space, once every replica runs
 * this version (older ones still read them), delete them per plan year, e.g. for `duban` 2023:
 *
 *   redis-cli --scan --pattern '{duban:2023}:term:*' | xargs -r -n 500 redis-cli unlink
 *
 * and the same for `sec-lead:*`, `sec-partner:*`, and `redis-cli unlink '{duban:2023}:items'
 * '{duban:2023}:search' '{duban:2023}:item-index'` (the keyword search and item lookups, now
 * answered from the plan in memory).
 */

const FIXED = {
  meta: 'meta',
  digests: 'digests',
  archived: 'archived',
  chapters: 'chapters',
  sections: 'sections',
  occurrences: 'occ',
  due: 'due',
  open: 'open',
  verified: 'verified',
  verifications: 'verifications',
  audit: 'audit',
} as const;

const FAMILIES = {
  itemOccurrences: 'item-occ:',
  chapterDue: 'ch-due:',
  chapterOpen: 'ch-open:',
  chapterVerified: 'ch-ver:',
  sectionDue: 'sec-due:',
  sectionOpen: 'sec-open:',
  sectionVerified: 'sec-ver:',
  confirmations: 'conf:',
} as const;

export type PlanKeys = { readonly base: string } & { readonly [K in keyof typeof FIXED]: string } & {
  readonly [K in keyof typeof FAMILIES]: (member: string | number) => string;
};

/** The keys of the plan `year` under `prefix`; `base` is the shared `{prefix:year}:` start. */
export function planKeys(prefix: string, year: number): PlanKeys {
  const base = `{${prefix}:${year}}:`;
  const fixed = Object.fromEntries(Object.entries(FIXED).map(([name, suffix]) => [name, base + suffix]));
  const families = Object.fromEntries(
    Object.entries(FAMILIES).map(([name, infix]) => [
      name,
      (member: string | number) => base + infix + member,
    ]),
  );
  return { base, ...fixed, ...families } as PlanKeys;
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

/**
 * Lua for the scripts: `K.meta`, `K.due`, … and `K.term(x)`, `K.confirmations(id)`, … built from
 * `BASE` (the scripts' ARGV[1], which is PlanKeys.base) with the same names as PlanKeys.
 */
export function luaKeyHelpers(): string {
  const fixed = Object.entries(FIXED).map(([name, suffix]) => `  ${name} = BASE .. '${suffix}',`);
  const families = Object.entries(FAMILIES).map(
    ([name, infix]) => `  ${name} = function(m) return BASE .. '${infix}' .. m end,`,
  );
  return ['local K = {', ...fixed, ...families, '}'].join('\n');
}
