/**
 * A multipart/form-data body split into its parts, bytes kept exact. The SDK posts Buffers through
 * axios and form-data as parts without a filename, which a WHATWG `formData()` would decode as
 * UTF-8 text and so corrupt; reading the parts as bytes keeps a PNG or an xlsx intact.
 */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary from a `multipart/form-data; boundary=…` header, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits the body; throws an Error saying what is malformed. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error('multipart body has no boundary line');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    // `--boundary--` closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) return parts;
    const headerStart = afterDelimiter + 2; // CRLF
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) throw new Error('multipart part has no end of headers');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart body is not closed by its boundary');
    parts.push(
      readPart(body.subarray(headerStart, headerEnd).toString('utf8'), body.subarray(headerEnd + 4, next)),
    );
    start = next + 2;
  }
}

function readPart(headerText: string, data: Buffer): FormPart {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new Error('multipart part has no content-disposition name');
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const contentType = headers.get('content-type');
  return {
    name,
    data: Buffer.from(data),
    ...(filename === undefined ? {} : { filename }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}
