import type { AuditEntry } from '../store.js';

/** The in-memory audit stream: ids shaped like Redis stream ids (`<ms>-<seq>`), always increasing. */
export class MemoryAudit {
  private readonly entries: AuditEntry[] = [];
  private lastMs = 0;
  private seq = 0;

  constructor(private readonly clock: () => Date) {}

  append(entry: Omit<AuditEntry, 'id' | 'at'>): void {
    const now = this.clock();
    const ms = Math.max(now.getTime(), this.lastMs);
    this.seq = ms === this.lastMs ? this.seq + 1 : 0;
    this.lastMs = ms;
    this.entries.push({ id: `${ms}-${this.seq}`, at: now.toISOString(), ...entry });
  }

  read(after: string | undefined, limit: number): AuditEntry[] {
    const start = after === undefined ? 0 : this.entries.findIndex((e) => compareIds(e.id, after) > 0);
    if (start < 0) return [];
    return this.entries.slice(start, start + limit).map((e) => ({ ...e }));
  }
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs = 0] = b.split('-').map(Number) as [number, number?];
  return am - bm || as - bs;
}
