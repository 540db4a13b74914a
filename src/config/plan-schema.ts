import { z } from 'zod';
import { type Plan, RECURRENCES } from '../plan/types.js';
import { withFix } from './problem.js';
import { localDate } from './scalars.js';

/**
 * `config/plan-YYYY.yaml`: exactly the Plan JSON of src/plan/types.ts (what `duban import`
 * writes). Shape only; the checks that need the whole plan or org.yaml are in plan-checks.ts.
 */

const text = z.string();

export const ITEM_ID = /^\d+\.\d+$/;

const milestoneSchema = z
  .strictObject({
    text,
    due: localDate.nullable(),
    every: z.enum(RECURRENCES).nullable(),
    count: z.int().min(1).optional(),
    day: z.int().min(1).max(31).optional(),
  })
  .refine((m) => m.due === null || m.every === null, {
    message: withFix('has both due and every', 'a milestone is dated (due) or recurring (every), not both'),
    path: ['every'],
  });

const targetSchema = z.strictObject({ text, value: z.number(), unit: text });

const itemSchema = z.strictObject({
  id: z.string().regex(ITEM_ID, withFix('not an item id', 'write it as chapter.item, e.g. "8.4"')),
  title: text,
  text,
  points: z.array(text),
  leads: z.array(text),
  partners: z.array(text),
  deadline: localDate.nullable(),
  milestones: z.array(milestoneSchema),
  targets: z.array(targetSchema),
  deadlineText: text.optional(),
});

const chapterSchema = z.strictObject({
  number: z.int().min(1),
  title: text,
  items: z.array(itemSchema),
  text: text.optional(),
});

export const planSchema: z.ZodType<Plan> = z.strictObject({
  title: text,
  year: z.int().min(2000, withFix('not a plan year', 'write the four-digit year, e.g. 2023')).max(2100),
  chapters: z.array(chapterSchema),
});
