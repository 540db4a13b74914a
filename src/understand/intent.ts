import type { DueHint } from './command-forms.js';
import type { DueWindow } from './period.js';

/**
 * What a question asks, independent of how it was worded. The bot answers each intent one way;
 * the slots say about what.
 */
export type Intent =
  | 'who-leads'
  | 'when-due'
  | 'how-much'
  | 'item-detail'
  | 'section-work'
  | 'chapter'
  | 'item-status'
  | 'progress'
  | 'due-window'
  | 'open-work'
  | 'overdue'
  | 'confirm'
  | 'undo'
  | 'verify'
  | 'send-back'
  | 'verify-queue'
  | 'help'
  | 'whoami'
  | 'reload'
  | 'ack-ledger-lost'
  | 'export-ledger'
  | 'unknown';

export const INTENTS: readonly Intent[] = [
  'who-leads',
  'when-due',
  'how-much',
  'item-detail',
  'section-work',
  'chapter',
  'item-status',
  'progress',
  'due-window',
  'open-work',
  'overdue',
  'confirm',
  'undo',
  'verify',
  'send-back',
  'verify-queue',
  'help',
  'whoami',
  'reload',
  'ack-ledger-lost',
  'export-ledger',
  'unknown',
];

/** Intents answered about one item of the plan, found by its number or by its words. */
export const ITEM_INTENTS: ReadonlySet<Intent> = new Set([
  'who-leads',
  'when-due',
  'how-much',
  'item-detail',
  'item-status',
]);

export type SectionRole = 'lead' | 'partner';

/** Where a section slot came from: how sure we are that the asker meant a section. */
export type SectionSource = 'name' | 'abbreviation' | 'person' | 'mine';

export interface Question {
  intent: Intent;
  /** `8.4`, from 8.4 / 八（四） / 第八章第四项 / 五点一. */
  itemRef?: string;
  /** `8.4/m1/2023`, when the asker typed an occurrence id (confirm, undo). */
  occurrenceId?: string;
  chapter?: number;
  /** A canonical section name from org.yaml. */
  section?: string;
  sectionSource?: SectionSource;
  /** Only one side of a section's work: "预算科牵头的" (lead), "预算科配合的" (partner). */
  role?: SectionRole;
  /** The asker spoke of their own section ("我们科", "我的任务"). */
  mine: boolean;
  period?: DueWindow;
  /** The words left once question words, filler, sections, numbers and dates are taken out. */
  topic: string;
  /** "How much" in the asker's words ("几个项目", "几个部门"): which of an item's figures. */
  measure?: string;
  /**
   * A chunk that is both a section's short name and a plain word ("债务", "政府采购"): the
   * ranking decides whether the asker meant the section or a task.
   */
  ambiguousSection?: { section: string; word: string };
  /** The asker named a chapter by its words ("债务管理那一章"): rank chapters, not items. */
  chapterByWords?: boolean;
  /** Confirm, verify: what the asker added after the item ("报告已报送"); send-back: the reason. */
  note?: string;
  /** Confirm, undo, verify, send-back: the due date that names one occurrence of the item ("8.4 9月30日 已完成"). */
  due?: DueHint;
}
