import type { OccurrenceView } from '../store/store.js';
import type { CommandContext } from './context.js';

/** Values come back from a card the bot drew, but a click is input: bounded and typed here. */
const MAX_CHOICES = 20;
const MAX_NOTE = 200;

export async function choicesOf(
  ctx: CommandContext,
  value: Record<string, unknown>,
): Promise<OccurrenceView[]> {
  const ids = Array.isArray(value.choices)
    ? value.choices.filter((id): id is string => typeof id === 'string').slice(0, MAX_CHOICES)
    : [];
  return viewsOf(ctx, ids);
}

export async function viewsOf(ctx: CommandContext, ids: string[]): Promise<OccurrenceView[]> {
  const views = await Promise.all(ids.map((id) => ctx.deps.store.occurrence(id)));
  return views.filter((o): o is OccurrenceView => o !== null);
}

export function noteOf(value: Record<string, unknown>): string {
  return typeof value.note === 'string' ? value.note.slice(0, MAX_NOTE) : '';
}

export function sectionOf(value: Record<string, unknown>): string | undefined {
  return typeof value.section === 'string' && value.section !== '' ? value.section : undefined;
}
