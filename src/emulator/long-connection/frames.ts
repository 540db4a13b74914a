import protobuf from 'protobufjs';

/**
 * The long connection's wire format: one protobuf `pbbp2.Frame` per WebSocket binary message.
 * The SDK embeds its generated codec without exporting it, so the stand-in declares the same
 * message here (field numbers and proto2 `required` as in the SDK's and Lark's Go SDK's pbbp2)
 * and lets protobufjs — the SDK's own dependency — do the varints.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: {
          fields: {
            key: { rule: 'required', type: 'string', id: 1 },
            value: { rule: 'required', type: 'string', id: 2 },
          },
        },
        Frame: {
          fields: {
            SeqID: { rule: 'required', type: 'uint64', id: 1 },
            LogID: { rule: 'required', type: 'uint64', id: 2 },
            service: { rule: 'required', type: 'int32', id: 3 },
            method: { rule: 'required', type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});
const FrameType = root.lookupType('pbbp2.Frame');

/** `method`: control frames carry ping/pong, data frames carry events and their answers. */
export const FrameMethod = { control: 0, data: 1 } as const;

/** The `type` header. The SDKs answer only `event` frames: card callbacks come as events too. */
export type FrameKind = 'event' | 'card' | 'ping' | 'pong';

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

export function encodeFrame(frame: Frame): Uint8Array {
  return FrameType.encode(FrameType.fromObject(frame)).finish();
}

/** Throws on bytes that are not a Frame (a missing required field included). */
export function decodeFrame(bytes: Uint8Array): Frame {
  // The SDK turns protobufjs' Long support off process-wide, but the stand-in may run without
  // the SDK loaded: ask for plain numbers either way.
  const frame = FrameType.toObject(FrameType.decode(bytes), { longs: Number, arrays: true });
  return frame as Frame;
}

export function headerOf(frame: Frame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}
