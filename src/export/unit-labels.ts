import type { UnitStatus } from '../store/ledger-export.js';

/**
 * A set of units (occurrence × lead section) said the way a 台账 says it: one unit by its state,
 * several as counts — "已完成 2/4，逾期 1" — or 进行中 while none is done or late. `none` is what a milestone without dates says.
 */
export function describeUnits(statuses: readonly UnitStatus[], none: string): string {
  if (statuses.length === 0) return none;
  if (statuses.length === 1) return SINGLE[statuses[0]!];
  const done = statuses.filter(isDone).length;
  const overdue = statuses.filter((s) => s === 'overdue').length;
  if (done === statuses.length) return statuses.every((s) => s === 'verified') ? '已销号' : '已完成';
  if (done === 0 && overdue === 0) return '进行中';
  return `已完成 ${done}/${statuses.length}${overdue > 0 ? `，逾期 ${overdue}` : ''}`;
}

/**
 * 销号 as the ledger carries it: 已销号 when every unit is verified, 待销号 while some confirmed
 * unit awaits an admin (require_verify), blank otherwise.
 */
export function verificationLabel(statuses: readonly UnitStatus[]): string {
  if (statuses.length === 0) return '';
  const verified = statuses.filter((s) => s === 'verified').length;
  if (verified === statuses.length) return '已销号';
  const awaiting = statuses.filter((s) => s === 'awaiting_verification').length;
  if (awaiting > 0) return `待销号 ${awaiting}`;
  return verified > 0 ? `已销号 ${verified}/${statuses.length}` : '';
}

function isDone(status: UnitStatus): boolean {
  return status === 'done' || status === 'awaiting_verification' || status === 'verified';
}

const SINGLE: Record<UnitStatus, string> = {
  open: '进行中',
  overdue: '逾期',
  done: '已完成',
  awaiting_verification: '已完成，待销号',
  verified: '已销号',
};
