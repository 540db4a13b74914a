import type { LocalDate } from '../plan/types.js';
import {
  bareUndo,
  confirmForm,
  fixedForm,
  type LedgerForm,
  sendBackForm,
  undoForm,
  verifyForm,
} from './command-forms.js';
import { cueSpans, cuesIn, cueWords } from './cues.js';
import { decideIntent } from './decide-intent.js';
import type { Question, SectionRole } from './intent.js';
import { cutSpans, refsInText } from './item-refs.js';
import { periodInText, soonWindow } from './period.js';
import { questionText } from './question-text.js';
import { namedPerson, namedSection, type SectionLexicon } from './section-lexicon.js';
import { topicChunks } from './topic-words.js';

export interface ParseContext {
  lexicon: SectionLexicon;
  itemExists: (itemId: string) => boolean;
  today: LocalDate;
}

/**
 * A message → what it asks (intent) and about what (slots). Messages reaching the bot are cut to
 * 2,000 characters; every step here is a linear scan or a bounded regex over that text.
 */
export function parseQuestion(raw: string, ctx: ParseContext): Question {
  const { text, asked } = questionText(raw, ctx.lexicon.mentionable);
  const base: Question = { intent: 'unknown', mine: false, topic: '' };
  const fixed = fixedForm(text.replace(/\s/g, ''));
  if (fixed) return { ...base, intent: fixed };
  const plain = plainMessage(raw, ctx.lexicon.mentionable);
  const verify = verifyForm(plain);
  if (verify) return { ...base, intent: 'verify', ...ledgerSlots(verify), note: verify.note };
  const sendBack = sendBackForm(plain);
  if (sendBack) return { ...base, intent: 'send-back', ...ledgerSlots(sendBack), note: sendBack.note };
  const undo = undoForm(plain);
  if (undo) return { ...base, intent: 'undo', ...ledgerSlots(undo) };
  if (bareUndo(plain)) return { ...base, intent: 'undo' };
  const confirm = asked ? undefined : confirmForm(plain);
  if (confirm) return { ...base, intent: 'confirm', ...ledgerSlots(confirm), note: confirm.note };

  const refs = refsInText(text, ctx.itemExists);
  const spans = [...refs.spans];
  const named = namedSection(text, ctx.lexicon);
  const person = named ? undefined : namedPerson(text, ctx.lexicon);
  if (named) spans.push(named.span);
  if (person) spans.push(person.span);
  // Cues before the span: "是9月底吗" asks when, though "9月" also names a month.
  const cues = cuesIn(cutSpans(text, spans));
  const period = periodInText(cutSpans(text, spans), ctx.today);
  spans.push(...cueSpans(cutSpans(text, spans)));
  if (period) spans.push(period.span);
  const chunks = topicChunks(cutSpans(text, spans));
  const shortName = named || person ? undefined : chunks.find((c) => ctx.lexicon.abbreviations.has(c));
  const topicWords = shortName === undefined ? chunks : chunks.filter((c) => c !== shortName);
  const mine = cues.has('mine');

  const intent = decideIntent({
    cues,
    item: refs.itemRef !== undefined,
    chapter: refs.chapter !== undefined,
    section: named !== undefined || person !== undefined,
    mine,
    shortName: shortName !== undefined,
    period: period !== undefined,
    topic: topicWords.length > 0,
  });
  const question: Question = { ...base, intent, mine, topic: topicWords.join(' ') };
  if (refs.itemRef) question.itemRef = refs.itemRef;
  if (refs.occurrenceId) question.occurrenceId = refs.occurrenceId;
  if (refs.chapter !== undefined) question.chapter = refs.chapter;
  const section = named?.section ?? person?.sections[0];
  if (section) {
    question.section = section;
    question.sectionSource = named ? 'name' : 'person';
  }
  if (shortName !== undefined) {
    const target = ctx.lexicon.abbreviations.get(shortName)!;
    if (intent === 'who-leads' && topicWords.length === 0)
      question.ambiguousSection = { section: target, word: shortName };
    else if (['section-work', 'progress', 'open-work', 'overdue', 'due-window'].includes(intent)) {
      question.section = target;
      question.sectionSource = 'abbreviation';
    } else question.topic = chunks.join(' ');
  }
  const role = roleOf(cues);
  if (role) question.role = role;
  if (intent === 'due-window') question.period = period?.window ?? soonWindow(ctx.today);
  if (intent === 'chapter' && refs.chapter === undefined) question.chapterByWords = true;
  if (intent === 'how-much') {
    // "几个项目" → 项目; "目标多少" says nothing about which figure.
    const measure = cueWords(text, 'howMuch')
      .map((w) => w.replace(/多少|几个?|目标值?|指标|how much|how many|targets?|amount/g, '').trim())
      .filter(Boolean);
    if (measure.length > 0) question.measure = measure.join(' ');
  }
  return question;
}

function roleOf(cues: ReadonlySet<string>): SectionRole | undefined {
  if (cues.has('partner')) return 'partner';
  if (cues.has('lead')) return 'lead';
  return undefined;
}

function ledgerSlots(form: LedgerForm) {
  return {
    itemRef: form.itemRef,
    ...(form.occurrenceId ? { occurrenceId: form.occurrenceId } : {}),
    ...(form.due ? { due: form.due } : {}),
  };
}

/** The message minus @mentions, half-width, single-spaced, punctuation kept: notes are the asker's. */
export function plainMessage(raw: string, mentionable: readonly string[]): string {
  const folded = raw.normalize('NFKC');
  let out = folded;
  for (const name of mentionable) if (out.toLowerCase().includes(`@${name}`)) out = dropMention(out, name);
  return out
    .replace(/@\S{0,12}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function dropMention(text: string, name: string): string {
  const at = text.toLowerCase().indexOf(`@${name}`);
  return at < 0 ? text : `${text.slice(0, at)} ${text.slice(at + name.length + 1)}`;
}
