import type { Cue } from './cues.js';

/**
 * The words that say what a question asks, in the forms staff type them, one list per cue
 * ("|" between words). Add a phrasing here when the evaluation set shows one missing; the order
 * within a list does not matter (longer words are tried first).
 */
export const CUE_WORDS: Record<Cue, string[]> = {
  who: words(
    '谁来负责|谁负责|谁牵头|谁来牵头|谁来做|谁来干|谁来管|谁来弄|谁来抓|谁来保障|谁来|谁在管|谁在做|谁在弄',
    '谁在搞|谁在抓|谁在跟|谁在|谁管事|谁管|谁弄|谁搞|谁做|谁干|谁抓|谁盯着|谁盯|谁跟进|谁跟|谁对接|谁把关',
    '谁起草|谁保障|谁落实|谁办|谁的活|谁的事|谁的|归谁管|归谁|由谁|找谁|问谁|是谁|归哪个科室管|归哪个科管',
    '归哪个科室|归哪个科|归哪个部门|归哪|哪个科室|哪个部门|哪个单位|哪个科|哪些科室|哪家|找哪个科室|找哪个科',
    '找哪个|牵头科室|牵头单位|负责科室|责任科室|责任单位|whos responsible for',
    'who is responsible for|who is responsible',
    'who is in charge of|who is in charge|in charge of',
    'responsible for|who leads|who owns|who runs|who handles|who',
  ),
  when: words(
    '什么时候|啥时候|啥时|几时|何时|哪天之前|哪天|哪一天|几号前|几号|几月份前|几月份|几月底|几月|多会儿',
    '多久一次|多久|多长时间一次|多长时间|频率|截止日期|截止时间|截止到|截止|截至|到期时间|期限|时限|最后期限',
    '最晚|几次|一季度一次|一月一次|一年一次|年底前|年底|月底|日期|时间|deadline|due date',
    'when is|when',
  ),
  howMuch: words(
    '多少钱|多少亿|多少家|多少个|多少|几个亿|几亿|几家|几个项目|几个部门|几个|目标值|目标|指标|金额|比例|额度',
    '多大|百分之几|how much|how many|targets|target|amount',
  ),
  detail: words(
    '是什么意思|什么意思|啥意思|是什么|是啥|讲的啥|说的啥|讲的什么|说的什么|讲什么|说什么|讲啥|说啥|具体内容',
    '具体|内容|详情|详细|哪一项|哪项|哪条|看一下|看看|查一下|查查|给我看看|给我看|what is|whats',
    'details|detail|item|show',
  ),
  state: words(
    '完成了吗|完成了没有|完成了没|完成没有|完成没|做完了吗|做完了没|做完没|做完了|做了没|搞完了没|搞完没|搞完了吗',
    '弄完了吗|弄完没|干完了吗|办完了吗|落实了吗|落实没|办了吗|逾期了吗|逾期了没|逾期没|有没有逾期|超期了吗|超期没',
    '超期了没|完成情况|完成得怎么样|完成得咋样|干得咋样|干得怎么样|完成率|进度|进展|情况如何|情况|怎么样|咋样',
    '如何|status|progress|done',
  ),
  overdue: words('逾期|超期|过期|拖了|拖着|拖延|拖后腿|没按时|未按时|延误|延期|落后|overdue|late'),
  open: words(
    '没完成|未完成|没做完|没干完|没办完|没弄完|没做|没干|没弄|没办|待完成|待办|还有啥|还有什么|还有哪些|还剩',
    '剩下|还欠|欠着|欠|未办结|pending|todo',
  ),
  mine: words(
    '我们科室|我们科|我科室|我科|咱们科室|咱们科|咱科|本科室|我们这边|我这边|我们部门|我们|咱们|我的|my',
    'mine',
  ),
  count: words('几项|多少项|多少活|多少件|几件|一共多少|有多少'),
  due: words('到期|截止|要交|交什么|要报|要完成|节点|due'),
  soon: words('快到期|即将到期|马上到期|最近|近期|快到'),
  work: words(
    '都有啥活|有啥活|啥活|都要干啥|要干啥|都干啥|干啥|干什么|做什么|做啥|负责哪些|负责啥|负责什么|管啥|管哪些',
    '管什么|有哪些事|哪些事|任务清单|的任务|的工作|的活|有哪些|有啥|哪些|包括啥|包括哪些|包括|tasks of',
    'tasks|what does',
  ),
  chapterWord: words('那一章|这一章|哪一章|那章|这章|那一部分|这一部分|那部分|这部分'),
  lead: words('牵头|负责|lead|leads'),
  partner: words('配合|参与|协助|协同|partner'),
};

function words(...lines: string[]): string[] {
  return lines.join('|').split('|');
}
