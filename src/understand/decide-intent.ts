import type { Cue } from './cues.js';
import type { Intent } from './intent.js';

/**
 * The intent, from which cue words a question holds and what it is anchored to. Word order does
 * not matter: only which cues and anchors are present. The order of the checks is the
 * precedence, each rule with the phrasing that made it necessary.
 */
export interface Anchors {
  cues: ReadonlySet<Cue>;
  item: boolean;
  chapter: boolean;
  /** A section by full name, alias, nickname or person; or "我们科". */
  section: boolean;
  mine: boolean;
  /** A chunk that may be a section's short name or a plain word ("债务", "国资"). */
  shortName: boolean;
  period: boolean;
  topic: boolean;
}

export function decideIntent(a: Anchors): Intent {
  const has = (cue: Cue) => a.cues.has(cue);
  // "6.2有没有逾期" asks about one item; "哪些科室拖了没完成", "债务科逾期了哪些" about many.
  if (has('overdue')) return a.item || (a.topic && !a.section && !a.mine) ? 'item-status' : 'overdue';
  // "我们科还有啥没完成", "预算科还有啥没完成", "我的任务", "my tasks".
  if (!a.item && !a.topic && (a.mine || a.section || a.shortName) && has('open')) return 'open-work';
  if (!a.item && !a.topic && a.mine && !a.section && (has('work') || /* "我的待办" */ has('open')))
    return 'open-work';
  if (a.item) return itemIntent(a.cues) ?? 'item-detail';
  // "下个月有什么要交的", "本周到期", "下周" (a bare span), "10月份有啥要完成的".
  if (a.period && !a.topic) return 'due-window';
  // "最近有啥要截止的", "快到期的有哪些".
  if (has('soon') && has('due') && !a.topic) return 'due-window';
  if (a.chapter) return has('state') ? 'progress' : 'chapter';
  // "债务管理那一章有啥".
  if (has('chapterWord') && a.topic) return 'chapter';
  if (a.section || a.mine) return sectionIntent(a);
  if (a.shortName && !a.topic) {
    if (has('state')) return 'progress';
    if (has('who')) return 'who-leads';
    // "政府采购 最后期限": a short name asked about like a task is a task's words.
    const asked = itemIntent(a.cues);
    if (asked) return asked;
    return 'section-work';
  }
  // "进度", "全局进度咋样了", "整体完成情况".
  if (has('state') && !a.topic) return 'progress';
  if (a.topic) return itemIntent(a.cues) ?? (has('due') ? 'when-due' : 'item-detail');
  if (has('due')) return 'due-window';
  return itemIntent(a.cues) ?? 'unknown';
}

/** "8.4 谁牵头", "8.4 啥时候", "8.4 目标多少", "8.4 完成了吗", "8.4 讲的啥". */
function itemIntent(cues: ReadonlySet<Cue>): Intent | undefined {
  if (cues.has('who')) return 'who-leads';
  if (cues.has('when')) return 'when-due';
  if (cues.has('howMuch')) return 'how-much';
  if (cues.has('state')) return 'item-status';
  if (cues.has('detail')) return 'item-detail';
  return undefined;
}

/** A section is named: its progress, who it is, its work — or a task with the section as a hint. */
function sectionIntent(a: Anchors): Intent {
  const has = (cue: Cue) => a.cues.has(cue);
  if (!a.topic) {
    if (has('state')) return 'progress';
    if (has('who')) return 'who-leads';
    return 'section-work';
  }
  return itemIntent(a.cues) ?? 'section-work';
}
