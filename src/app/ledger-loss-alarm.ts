import { Gauge, type Registry } from 'prom-client';
import { ledgerLostDetail } from '../bot/ledger-loss-text.js';
import type { ReadinessAlarm } from '../http/health.js';
import type { LedgerLossMarks } from '../store/ledger-loss.js';

/** /readyz's status while the ledger is lost and no admin has acknowledged it. */
export const LEDGER_LOST_STATUS = 'ledger-lost';

/** /readyz's alarm, read from the store on each request so that every replica reports it. */
export function ledgerLossAlarms(
  store: Pick<LedgerLossMarks, 'ledgerLost'>,
): () => Promise<ReadinessAlarm[]> {
  return async () => {
    const loss = await store.ledgerLost();
    return loss ? [{ status: LEDGER_LOST_STATUS, detail: ledgerLostDetail(loss) }] : [];
  };
}

/** `duban_ledger_lost` 1 while a loss waits for acknowledgement, read at scrape time: for alerting. */
export function ledgerLostGauge(registry: Registry, store: Pick<LedgerLossMarks, 'ledgerLost'>): Gauge {
  return new Gauge({
    name: 'duban_ledger_lost',
    help: '1 while the ledger was lost (Redis emptied) and no admin has acknowledged it, else 0',
    registers: [registry],
    async collect() {
      // A store that does not answer shows on /readyz; the gauge keeps its last value.
      const loss = await store.ledgerLost().catch(() => undefined);
      if (loss !== undefined) this.set(loss ? 1 : 0);
    },
  });
}
