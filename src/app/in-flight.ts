/**
 * Work that runs after its event was acknowledged. Lark will not send an acknowledged event
 * again, so shutdown must let this work finish (a confirmation is stored before the store
 * closes) instead of dropping it.
 */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when everything tracked so far has settled, or after `timeoutMs` (false). */
  settle(timeoutMs: number): Promise<boolean>;
  size(): number;
}

export function createInFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      // The entry only counts what is running; the work's own failure belongs to its caller
      // (a rejected entry with no handler would end the process).
      const entry: Promise<unknown> = work.then(
        () => pending.delete(entry),
        () => pending.delete(entry),
      );
      pending.add(entry);
      return work;
    },
    async settle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const done = (async () => {
        while (pending.size > 0) await Promise.allSettled([...pending]);
        return true as const;
      })();
      const result = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return result;
    },
    size: () => pending.size,
  };
}
