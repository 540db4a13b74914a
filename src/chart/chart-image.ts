import type { ChartRenderer } from './chart-renderer.js';
import type { ProgressChartInput } from './progress-chart.js';

/**
 * A progress chart as a Lark image: drawn, uploaded (`im/v1/images`), and its image_key for a
 * card's `img` element — or null when it could not be, with the reason logged. A chart is an
 * extra: the digest and the 进度 answer go out without it rather than late or not at all.
 */
export type ChartImage = (
  input: ProgressChartInput,
  context: { purpose: 'weekly' | 'progress' },
) => Promise<string | null>;

export interface ChartImageDeps {
  renderer: Pick<ChartRenderer, 'progressPng'>;
  /** The image's bytes to Lark; resolves to its image_key (lark/upload-resource.ts uploadImage). */
  upload: (png: Buffer) => Promise<string>;
  logger: { warn(obj: object, msg: string): void };
  /** An upload that has not answered by then is given up (the message waits for it). Default 15 s. */
  timeoutMs?: number;
}

export const CHART_UPLOAD_TIMEOUT_MS = 15_000;
/** Charts remembered by what they show; a day's charts differ only when the ledger changed. */
const RECENT_CHARTS = 16;

/**
 * Draws and uploads a chart once per distinct picture: the same counts on the same day (a second
 * 进度, a digest sent again after a failed send) reuse the uploaded image instead of drawing and
 * uploading it again. A chart that failed is not remembered, so the next ask tries again.
 */
export function createChartImage(deps: ChartImageDeps): ChartImage {
  const timeoutMs = deps.timeoutMs ?? CHART_UPLOAD_TIMEOUT_MS;
  const recent = new Map<string, Promise<string | null>>();

  const make: ChartImage = async (input, { purpose }) => {
    let stage: 'render' | 'upload' = 'render';
    try {
      const png = await deps.renderer.progressPng(input);
      stage = 'upload';
      return await withTimeout(deps.upload(png), timeoutMs);
    } catch (error) {
      deps.logger.warn({ err: error, purpose, stage }, `progress chart left out: its ${stage} failed`);
      return null;
    }
  };

  return (input, context) => {
    const picture = JSON.stringify(input);
    const known = recent.get(picture);
    if (known) return known;
    const made = make(input, context);
    recent.set(picture, made);
    if (recent.size > RECENT_CHARTS) recent.delete(recent.keys().next().value!);
    void made.then((key) => {
      if (key === null) recent.delete(picture);
    });
    return made;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
