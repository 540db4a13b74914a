import * as lark from '@larksuiteoapi/node-sdk';
import { DubanError } from '../errors.js';

/**
 * `LARK_DOMAIN` → what the SDK takes: `feishu` (default), `lark`, or a base URL such as
 * `http://127.0.0.1:3000`. A trailing slash would make the SDK request `//open-apis/...`.
 */
export function resolveLarkDomain(value: string | undefined): lark.Domain | string {
  const text = (value ?? '').trim();
  if (text === '' || text.toLowerCase() === 'feishu') return lark.Domain.Feishu;
  if (text.toLowerCase() === 'lark') return lark.Domain.Lark;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DubanError(
      'config',
      `LARK_DOMAIN must be "feishu", "lark" or a base URL like https://open.feishu.cn; got "${text}"`,
      { badInput: true },
    );
  return text.replace(/\/+$/, '');
}
