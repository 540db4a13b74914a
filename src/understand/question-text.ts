/**
 * A chat message as the parser reads it: full-width forms folded (NFKC), Latin lower-cased,
 * @mentions and punctuation gone, spaces single. Item numbers keep their dots, dashes, slashes
 * and brackets ("8.4", "8-4", "八（四）", "8.4/m1/2023") so item-refs can read them.
 */
export interface QuestionText {
  text: string;
  /** The asker marked a question: a question mark or a particle (吗, 么, 没有 at the end…). */
  asked: boolean;
}

const PUNCTUATION = /[,;:!?。，；：！？、"“”‘’「」『』【】《》〈〉~～…·•|*#=+<>{}[\]\\^$`]/g;
const QUESTION_MARK = /[?？]/;
/** Particles that make a statement a question: "8.4完成了吗", "7.1逾期没", "做了没有". */
const QUESTION_PARTICLE = /(吗|么|嘛|没有?|了没|是否|有没有|不)\s*$/;

/**
 * `names`: who may be @-mentioned (the bot, org.yaml's people), longest first, so "@督办政金企"
 * loses only "@督办". An unknown mention is dropped up to the next space; glued to a long run it
 * loses only its "@".
 */
export function questionText(raw: string, names: readonly string[]): QuestionText {
  const folded = raw.normalize('NFKC').toLowerCase();
  const asked = QUESTION_MARK.test(folded);
  const text = dropMentions(folded, names)
    .replace(PUNCTUATION, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, asked: asked || QUESTION_PARTICLE.test(text) };
}

const MAX_MENTION = 12;

function dropMentions(text: string, names: readonly string[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) return out + text.slice(i);
    out += `${text.slice(i, at)} `;
    const known = names.find((name) => text.startsWith(name, at + 1));
    if (known) {
      i = at + 1 + known.length;
      continue;
    }
    let end = at + 1;
    while (end < text.length && !/[\s@]/.test(text[end]!)) end++;
    i = end - at - 1 <= MAX_MENTION ? end : at + 1;
  }
  return out;
}
