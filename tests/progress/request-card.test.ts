import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { progressRequestCard } from '../../src/progress/request-card.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

describe('the 进展填报 card', () => {
  let config: LoadedConfig;
  beforeAll(async () => {
    config = await loadConfig(CONFIG_DIR);
  });
  const draw = (groupMessages: boolean) =>
    JSON.stringify(
      progressRequestCard({
        section: '国资科',
        month: '2023-11',
        items: [
          { itemId: '7.1', title: '规范行政事业性资产管理' },
          { itemId: '7.2', title: '持续深化国企改革转型发展' },
        ],
        notes: [
          {
            itemId: '7.2',
            section: '国资科',
            by: '梁晨',
            byOpenId: 'ou_l',
            text: '[点此](https://x.example)',
            at: '2023-10-25T01:00:00.000Z',
          },
          {
            itemId: '7.2',
            section: '监督科',
            by: '曹阳',
            byOpenId: 'ou_c',
            text: '别的科室的',
            at: '2023-10-26T01:00:00.000Z',
          },
        ],
        org: config.org,
        timeZone: 'Asia/Shanghai',
        groupMessages,
      }),
    );

  it('@-mentions the head and deputies, numbers the items and shows the section’s own latest note, inert', () => {
    const card = draw(false);
    expect(card).toContain('<at id=ou_316f5ba99b63ba21c05abc4f8887ea5a></at>');
    expect(card).toContain('1. **7.1** 规范行政事业性资产管理');
    expect(card).toContain(
      '2. **7.2** 持续深化国企改革转型发展\\n　最新进展（国资科 梁晨 10-25）：&#91;点此&#93;&#40;https&#58;//x.example&#41;',
    );
    expect(card).not.toContain('别的科室的');
    expect(card).toContain('回复本消息并 @督办 填写进展');
  });

  it('says a plain reply will do when the app hears every group message', () => {
    expect(draw(true)).toContain('回复本消息填写进展，如：「8.4：已完成3家抽查，11月底前完成」；多项请分行');
  });
});
