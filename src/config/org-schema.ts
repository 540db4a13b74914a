import { z } from 'zod';
import { chatId, email, nameText, openId } from './scalars.js';

/** `config/org.yaml`: the bureau's sections, who heads them, its chats and duban's admins. */

export const personSchema = z.strictObject({
  name: nameText,
  open_id: openId.optional(),
  email: email.optional(),
});

export const adminSchema = z.strictObject({ name: nameText, open_id: openId });

export const sectionSchema = z.strictObject({
  name: nameText,
  head: personSchema,
  deputies: z.array(personSchema).default([]),
  chat_id: chatId.optional(),
  /** 分管领导: the bureau leader over this section; escalations go to them. */
  leader: personSchema.optional(),
});

export const orgSchema = z.strictObject({
  sections: z.array(sectionSchema).min(1, 'no sections — list the bureau’s sections under "sections:"'),
  chats: z.strictObject({ main: chatId, leadership: chatId.optional() }),
  admins: z.array(adminSchema).default([]),
  /** Other names the plan may use for a section (金融中心 → 金融服务中心). */
  aliases: z.record(z.string(), nameText).default({}),
});

export type Person = z.infer<typeof personSchema>;
export type Admin = z.infer<typeof adminSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Org = z.infer<typeof orgSchema>;
