import type { LarkClient } from './client.js';
import { classifyLarkResult, LarkApiError } from './errors.js';

/** Lark answers at most 50 emails per batch_get_id call. */
const BATCH = 50;

/**
 * Emails → open_ids through `POST /open-apis/contact/v3/users/batch_get_id` (needs the
 * contact:user.id:readonly scope). An email Lark does not know maps to null.
 */
export async function resolveEmails(
  client: LarkClient,
  emails: readonly string[],
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>(emails.map((e) => [e, null]));
  for (let i = 0; i < emails.length; i += BATCH) {
    let body: unknown;
    try {
      body = await client.sdk.request({
        method: 'POST',
        url: '/open-apis/contact/v3/users/batch_get_id',
        params: { user_id_type: 'open_id' },
        data: { emails: emails.slice(i, i + BATCH) },
      });
    } catch (error) {
      throw new LarkApiError('batch_get_id', classifyLarkResult(error), { cause: error });
    }
    const verdict = classifyLarkResult(body);
    if (verdict.kind !== 'ok') throw new LarkApiError('batch_get_id', verdict);
    const list =
      (body as { data?: { user_list?: { email?: string; user_id?: string }[] } }).data?.user_list ?? [];
    for (const entry of list) {
      if (entry.email && entry.user_id) found.set(entry.email, entry.user_id);
    }
  }
  return found;
}
