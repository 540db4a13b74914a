import type { ProgressReports } from '../store/progress-reports.js';

/**
 * The store as a dry-run sweep must see it: it reads as usual, but a 进展填报 card it "sends" is
 * not recorded as a request — else the digest would chase sections about a round that never went
 * out. Claims and sent marks of a dry run live in throw-away claims already (cli/commands/sweep.ts).
 */
export function withoutRequestRecords<T extends Pick<ProgressReports, 'recordProgressRequest'>>(store: T): T {
  const noop: ProgressReports['recordProgressRequest'] = async () => {};
  return new Proxy(store, {
    get(target, property) {
      if (property === 'recordProgressRequest') return noop;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
