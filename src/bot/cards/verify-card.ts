import type { Org } from '../../config/org-schema.js';
import { localDateAt, localTimeAt } from '../../store/local-date.js';
import type { OccurrenceView } from '../../store/store.js';
import { echo, escapeCardText } from '../../text/user-text.js';
import { actorFor, personName } from '../actor.js';
import type { Card, CardElement } from '../reply.js';
import { button, card, markdown } from './card.js';
import { evidenceNames, planText, shortDate } from './format.js';

export interface VerifyCardInput {
  /** In the order they are numbered. */
  occurrences: OccurrenceView[];
  timeZone: string;
  org: Org;
}

/**
 * 待销号, for the admins: each piece of work the sections confirmed, who confirmed it when and with
 * what note, and 销号 / 退回 buttons. A pure function of the ledger: once verified, sent back or
 * taken back by the section, the redrawn card says so and its buttons go.
 */
export function verifyCard(input: VerifyCardInput): Card {
  const { occurrences } = input;
  const waiting = occurrences.filter((o) => o.status === 'done');
  const elements: CardElement[] = [
    markdown(
      waiting.length > 0
        ? `以下 ${waiting.length} 项工作已由牵头科室确认完成，请核实后销号；不符合要求的请退回并写明原因。`
        : '本卡片中的工作均已处理。',
    ),
  ];
  occurrences.forEach((o, index) => {
    const n = index + 1;
    elements.push(
      markdown(`**${n}.** ${o.itemId} ${shortDate(o.due)} ${planText(what(o), 50)}\n${state(o, input)}`),
    );
    if (o.status !== 'done') return;
    const value = { occurrenceId: o.id, view: 'verify', choices: occurrences.map((x) => x.id) };
    elements.push(button(occurrences.length === 1 ? '销号' : `销号第${n}项`, { action: 'verify', ...value }));
    elements.push(
      button(occurrences.length === 1 ? '退回' : `退回第${n}项`, { action: 'send-back', ...value }, 'danger'),
    );
  });
  if (waiting.length > 0)
    elements.push(
      markdown(
        '退回请发「退回 事项编号 日期 原因」，如「退回 8.4 9月30日 请补充检查报告」；原因会转告科室负责人。',
      ),
    );
  return card(`待销号 · ${waiting.length} 项`, waiting.length > 0 ? 'orange' : 'green', elements);
}

function what(o: OccurrenceView): string {
  return o.milestone === null ? `${o.title}（整项截止）` : o.text;
}

/** Who confirmed, when, with what note — or what became of it. */
function state(o: OccurrenceView, input: VerifyCardInput): string {
  if (o.status === 'verified' && o.verification) {
    const by = personName(o.verification.by, input.org) ?? '督办管理员';
    return `☑️ 已销号（${by}，${at(o.verification.at, input.timeZone)}）`;
  }
  if (o.confirmations.length === 0) return '↩️ 已退回或已撤销，待科室重新办理';
  const lines = o.confirmations.map((c) => {
    const actor = actorFor(c.by, [c.section], input.org);
    const who = actor.outsider ? `${actor.outsider} 代确认` : (personName(c.by, input.org) ?? c.by);
    const note = c.note ? `，备注：${escapeCardText(echo(c.note, 60))}` : '';
    return `✅ ${c.section} ${who} ${at(c.at, input.timeZone)} 确认${note}`;
  });
  if (o.evidence.length > 0) lines.push(`📎 佐证材料：${evidenceNames(o.evidence)}（已另发到本会话）`);
  else lines.push('📎 未附佐证材料');
  const rest = o.leads.filter((s) => !o.confirmations.some((c) => c.section === s));
  if (rest.length > 0) lines.push(`⏳ 还需 ${rest.join('、')} 确认`);
  return lines.join('\n');
}

function at(iso: string, timeZone: string): string {
  const when = new Date(iso);
  return `${shortDate(localDateAt(when, timeZone))} ${localTimeAt(when, timeZone)}`;
}
