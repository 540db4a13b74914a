/**
 * What is left of a question once its question words are cut out: the words to search the plan
 * with. Filler is dropped here — phrases wherever they stand ("那块", "一下", "今年"), single
 * characters only at a chunk's edges, so "的", "是", "有" go from "是谁的" but not from inside
 * "有效防范" or "实事求是".
 */
const FILLER_PHRASES = [
  '那一块',
  '那块',
  '这块',
  '那边',
  '这边',
  '那个',
  '这个',
  '那条',
  '这条',
  '那项',
  '这项',
  '那件',
  '这件',
  '一下',
  '请问',
  '帮我',
  '帮忙',
  '麻烦',
  '我想知道',
  '想知道',
  '想问',
  '问下',
  '今年的',
  '今年',
  '年度',
  '目前',
  '现在',
  '当前',
  '大概',
  '一共',
  '相关',
  '有关',
  '方面',
  '条线',
  '事情',
  '事项',
  '工作',
  '任务',
  '负责',
  '牵头',
  '配合',
  '参与',
  '全局',
  '总体',
  '整体',
  '各科室',
  '全部',
  '所有',
  '完成',
  '怎么',
  '什么',
  '哪个',
  '哪些',
  '要求',
  '一个',
  '主要',
  '一次',
];

const FILLER_WORDS = new Set([
  'the',
  'of',
  'for',
  'is',
  'a',
  'an',
  'to',
  'thing',
  'please',
  'pls',
  'about',
  'does',
  'do',
  'are',
  'this',
  'that',
  'it',
  'its',
  's',
  'and',
  'in',
  'on',
  'what',
  'which',
  'how',
  'me',
  'tell',
]);

const EDGE_CHARS = new Set(
  Array.from('的了吗呢啊呀吧嘛么哦呗是有要都还在和就也把给得啥嗯那这个些下事活底前后里哈谁哪咋着搞弄./()%-'),
);

const PHRASES = new RegExp([...FILLER_PHRASES].sort((a, b) => b.length - a.length).join('|'), 'g');

/** Chunks of `rest` (question words already blanked) with filler gone; empty chunks dropped. */
export function topicChunks(rest: string): string[] {
  return rest
    .replace(PHRASES, ' ')
    .split(/\s+/)
    .flatMap(splitScripts)
    .map(trimEdges)
    .filter((chunk) => chunk !== '' && !FILLER_WORDS.has(chunk));
}

/** "预算科tasks" → ["预算科", "tasks"]: Latin words and Chinese runs are separate chunks. */
function splitScripts(chunk: string): string[] {
  return chunk.match(/[a-z]+|[^a-z]+/g) ?? [];
}

function trimEdges(chunk: string): string {
  const chars = Array.from(chunk);
  let start = 0;
  let end = chars.length;
  while (start < end && EDGE_CHARS.has(chars[start]!)) start++;
  while (end > start && EDGE_CHARS.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}
