import { type Frame, FrameMethod, headerOf } from './frames.js';

/** What the client sent back for one delivered event. */
export interface LongConnectionAnswer {
  connectionId: string;
  /** 200 when the handler returned, 500 when it threw (the SDK's own codes). */
  code: number;
  /** The handler's result — on the wire, base64 of its JSON; undefined when it returned nothing. */
  data?: unknown;
  /** The delivered frame's headers as echoed back, plus the SDK's `biz_rt`. */
  headers: Record<string, string>;
}

/**
 * The data frames that carry one event. Lark splits a large event across frames sharing a
 * `message_id`, numbered by `seq` out of `sum`; the SDK joins the bytes before parsing, so a
 * split may fall inside a UTF-8 character.
 */
export function eventFrames(input: {
  payload: unknown;
  kind: 'event' | 'card';
  messageId: string;
  traceId: string;
  service: number;
  fragments: number;
  nextSeq: () => number;
}): Frame[] {
  const bytes = Buffer.from(JSON.stringify(input.payload), 'utf8');
  const sum = Math.max(1, Math.min(Math.floor(input.fragments), bytes.length));
  const size = Math.ceil(bytes.length / sum);
  return Array.from({ length: sum }, (_, seq) => {
    const id = input.nextSeq();
    return {
      SeqID: id,
      LogID: id,
      service: input.service,
      method: FrameMethod.data,
      headers: [
        { key: 'type', value: input.kind },
        { key: 'message_id', value: input.messageId },
        { key: 'sum', value: String(sum) },
        { key: 'seq', value: String(seq) },
        { key: 'trace_id', value: input.traceId },
      ],
      payload: bytes.subarray(seq * size, (seq + 1) * size),
    };
  });
}

/** The client's answer frame → its parts; throws when the payload is not the SDK's JSON. */
export function readAnswer(frame: Frame, connectionId: string): LongConnectionAnswer {
  const body = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as {
    code?: unknown;
    data?: unknown;
  };
  if (typeof body.code !== 'number') throw new Error('the answer has no numeric code');
  const headers = Object.fromEntries(frame.headers.map((h) => [h.key, h.value]));
  const answer: LongConnectionAnswer = { connectionId, code: body.code, headers };
  if (typeof body.data === 'string')
    answer.data = JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) as unknown;
  return answer;
}

/** The frame's `message_id`, which pairs an answer with its delivery. */
export function messageIdOf(frame: Frame): string | undefined {
  return headerOf(frame, 'message_id');
}
