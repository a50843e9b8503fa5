/**
 * SHA-256 of bytes as lowercase hex, through Web Crypto (no Deno API needed).
 */

/**
 * Hashes bytes.
 *
 * @param bytes the data
 * @returns 64 lowercase hex digits
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
