/**
 * Reading a body that someone else controls (an HTTP request to the status server, a chat API's
 * reply) without letting its size decide FORGE's memory: reading stops, and the rest is
 * cancelled, as soon as it passes the cap.
 */

/**
 * Reads a stream whole, up to a number of bytes.
 *
 * @param body the stream (null: an empty body)
 * @param maxBytes the most bytes read
 * @returns the bytes, or undefined when there were more (the stream is then cancelled)
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
