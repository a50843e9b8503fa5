/**
 * Test artifacts: screenshots the browser tests save under tests/artifacts/ (ignored by git,
 * kept by CI) so a person can look at what the test saw.
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const DIR = new URL("../artifacts/", import.meta.url).pathname;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The width and height of a PNG, after checking it is one.
 *
 * @param png the file's bytes
 * @returns its size in pixels
 * @throws {assert.AssertionError} when the bytes are not a PNG
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE, "not a PNG");
  assert.equal(new TextDecoder().decode(png.subarray(12, 16)), "IHDR", "PNG without IHDR");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Checks a screenshot is a real picture of a page (a PNG, of at least the given size, not a
 * near-empty image) and saves it as tests/artifacts/<name>.
 *
 * @param name file name, e.g. `status-page.png`
 * @param png the screenshot
 * @param min smallest acceptable width and height
 * @returns the saved file's path
 */
export async function saveScreenshot(
  name: string,
  png: Uint8Array,
  min: { readonly width: number; readonly height: number },
): Promise<string> {
  const size = pngSize(png);
  assert.ok(
    size.width >= min.width && size.height >= min.height,
    `${name}: ${JSON.stringify(size)}`,
  );
  // A blank page compresses to a few kilobytes; a page of tables and text does not.
  assert.ok(png.length > 20_000, `${name} is only ${png.length} bytes: a blank page?`);
  await Deno.mkdir(DIR, { recursive: true });
  const path = join(DIR, name);
  await Deno.writeFile(path, png);
  return path;
}
