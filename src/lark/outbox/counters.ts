/** What the outbox has done since start, for /metrics. */
export interface OutboxCounters {
  enqueued: number;
  /** Requests Lark accepted (a uuid duplicate Lark answered with the original counts too). */
  delivered: number;
  /** Requests made again after a retryable failure. */
  retries: number;
  /** 429 / 99991400 answers. */
  rateLimited: number;
  /** 230020 answers. */
  chatRateLimited: number;
  /** 5xx, timeouts, dropped connections. */
  serverErrors: number;
  /** Cached tenant tokens dropped after Lark rejected them. */
  tokenRefreshes: number;
  /** Attempts that went ahead on this outbox's own limits because the shared budget (Redis) threw. */
  sharedSlotFallbacks: number;
  /** Messages given up on, including content refused before sending (230025). */
  failed: number;
  /** Failures by Lark code (or by kind when there was no code), e.g. `{"230002": 3}`. */
  failedByCode: Record<string, number>;
}

export function emptyCounters(): OutboxCounters {
  return {
    enqueued: 0,
    delivered: 0,
    retries: 0,
    rateLimited: 0,
    chatRateLimited: 0,
    serverErrors: 0,
    tokenRefreshes: 0,
    sharedSlotFallbacks: 0,
    failed: 0,
    failedByCode: {},
  };
}
