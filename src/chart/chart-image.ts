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

export function createChartImage(deps: ChartImageDeps): ChartImage {
  const timeoutMs = deps.timeoutMs ?? CHART_UPLOAD_TIMEOUT_MS;
  return async (input, { purpose }) => {
    let stage: 'render' | 'upload' = 'render';
    try {
      const png = deps.renderer.progressPng(input);
      stage = 'upload';
      return await withTimeout(deps.upload(png), timeoutMs);
    } catch (error) {
      deps.logger.warn({ err: error, purpose, stage }, `progress chart left out: its ${stage} failed`);
      return null;
    }
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
