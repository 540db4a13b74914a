import { z } from 'zod';
import { isLocalDate } from '../plan/dates.js';
import { withFix } from './problem.js';

/** Field types shared by the config schemas, each with an error that says how to fix it. */

export const OPEN_ID = /^ou_[0-9a-z]{10,}$/;
export const CHAT_ID = /^oc_[0-9a-z]{10,}$/;

export const nameText = z
  .string({ error: withFix('expected a name', 'write the name as text') })
  .trim()
  .min(1, withFix('empty', 'write a name'));

export const openId = z
  .string({ error: withFix('expected an open_id', 'quote it: open_id: "ou_…"') })
  .regex(
    OPEN_ID,
    withFix(
      'not a Lark open_id',
      'an open_id looks like ou_ followed by letters and digits (Lark admin console → member details)',
    ),
  );

export const chatId = z
  .string({ error: withFix('expected a chat_id', 'quote it: chat_id: "oc_…"') })
  .regex(
    CHAT_ID,
    withFix(
      'not a Lark chat_id',
      'a chat_id looks like oc_ followed by letters and digits (group settings → chat ID)',
    ),
  );

export const email = z.email({ error: withFix('not an email address', 'write it like name@example.gov.cn') });

export const localDate = z
  .string({ error: withFix('expected a date', 'write it as "YYYY-MM-DD" in quotes') })
  .refine(isLocalDate, withFix('not a real date', 'write it as YYYY-MM-DD, e.g. 2023-09-30'));

export const clockTime = z
  .string({ error: withFix('expected a time of day', 'write it as "HH:MM" in quotes, e.g. "09:00"') })
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    withFix('not a time of day', 'write it as "HH:MM", 24-hour, e.g. "09:00"'),
  );

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .refine(isTimeZone, withFix('not a known time zone', 'use an IANA name such as Asia/Shanghai'));

/** Minutes since midnight of an `HH:MM` that `clockTime` accepted. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
