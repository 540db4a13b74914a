import {
  checkedMonth,
  checkedNote,
  type NewProgressNote,
  type ProgressNote,
  type ProgressReports,
  type ProgressRequest,
} from '../progress-reports.js';
import { resolveItemRef } from '../store-args.js';

/** Progress notes and request cards in process memory (MemoryStore's). */
export class MemoryProgress implements ProgressReports {
  private readonly notes: ProgressNote[] = [];
  private readonly requests = new Map<string, ProgressRequest>();

  constructor(private readonly clock: () => Date) {}

  async addProgressNote(note: NewProgressNote): Promise<ProgressNote> {
    const stored = checkedNote(note, this.clock());
    this.notes.push(stored);
    return { ...stored };
  }

  async progressNotes(itemId?: string): Promise<ProgressNote[]> {
    const id = itemId === undefined ? undefined : resolveItemRef(itemId);
    return this.notes.filter((n) => id === undefined || n.itemId === id).map((n) => ({ ...n }));
  }

  async recordProgressRequest(request: ProgressRequest): Promise<void> {
    checkedMonth(request.month);
    this.requests.set(request.messageId, { ...request, itemIds: [...request.itemIds] });
  }

  async progressRequest(messageId: string): Promise<ProgressRequest | null> {
    const found = this.requests.get(messageId);
    return found ? { ...found, itemIds: [...found.itemIds] } : null;
  }

  async progressRequests(month: string): Promise<ProgressRequest[]> {
    checkedMonth(month);
    return [...this.requests.values()]
      .filter((r) => r.month === month)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .map((r) => ({ ...r, itemIds: [...r.itemIds] }));
  }
}
