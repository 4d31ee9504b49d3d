import { IcwsResponseTooLargeError } from './icws-errors';

/**
 * The cap on one ICWS answer (and on one server-sent event): many times the users snapshot of a large center with
 * the properties we select (docs/configuration.md, `CIC_MAX_RESPONSE_BYTES`), while still bounding what a hostile
 * server can make us hold in memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * A response body as text, read chunk by chunk and refused as soon as it passes `maxBytes` (a declared
 * Content-Length over the cap is refused before reading anything). The stream is cancelled on refusal, so the
 * connection is not left holding the rest.
 */
export async function readTextCapped(
  response: Response,
  maxBytes: number,
  url = response.url,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new IcwsResponseTooLargeError(url, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new IcwsResponseTooLargeError(url, maxBytes);
    }
    parts.push(decoder.decode(read.value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
