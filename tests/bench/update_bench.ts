/**
 * Updater hashing speed on a 100 MiB file of random bytes (the size of a FORGE binary), written
 * once per run and read from the page cache by every contender:
 * - sha256OfFile() (the check before a swap, a rollback or a repair) against `sha256sum` on the
 *   same file, a child process in the same run (target: at least 70 % of its throughput);
 * - downloadAsset() from a server on 127.0.0.1 (stream, hash, size and digest check; writes are
 *   discarded, so the disk is not measured) against a plain fetch that drains the same body.
 * `deno run -A scripts/bench_update.ts` gives the paired medians and the `forge update --check`
 * whole-process figures.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { BinaryFiles, NewFile } from "../../src/domain/mod.ts";
import { denoBinaryFiles, denoFs } from "../../src/platform/mod.ts";
import { sha256OfFile } from "../../src/update/_file_hash.ts";
import { downloadAsset } from "../../src/update/download_asset.ts";
import { noiseBytes, sha256sum } from "../../scripts/bench_update.ts";

const SIZE = 100 * 1024 * 1024;
const bytes = noiseBytes(SIZE);
const expected = createHash("sha256").update(bytes).digest("hex");
const dir = await Deno.makeTempDir({ prefix: "forge_update_bench_" });
const path = join(dir, "forge-bench.bin");
await Deno.writeFile(path, bytes);
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen() {} },
  () => new Response(bytes, { headers: { "content-type": "application/octet-stream" } }),
);
server.unref(); // the benches end the process, not the server
const url = `http://127.0.0.1:${server.addr.port}/forge-bench.bin`;
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

/** A staged file that keeps nothing, so the download figures leave the disk out. */
const discard: NewFile = {
  write: () => Promise.resolve(),
  sync: () => Promise.resolve(),
  close() {},
};
const discardingFiles: BinaryFiles = {
  ...denoBinaryFiles,
  createNew: () => Promise.resolve(discard),
};

function same(actual: string, what: string): void {
  if (actual !== expected) throw new Error(`${what} gave ${actual}, expected ${expected}`);
}

Deno.bench({
  name: "sha256sum (child process)",
  group: "SHA-256 of a 100 MiB file",
  baseline: true,
  n: 5,
  warmup: 1,
  async fn() {
    same(await sha256sum(path), "sha256sum");
  },
});

Deno.bench({
  name: "sha256OfFile() through the FileSystem port",
  group: "SHA-256 of a 100 MiB file",
  n: 5,
  warmup: 1,
  async fn() {
    same(await sha256OfFile(denoFs, path), "sha256OfFile()");
  },
});

Deno.bench({
  name: "fetch and drain, nothing else",
  group: "download 100 MiB over loopback",
  baseline: true,
  n: 5,
  warmup: 1,
  async fn() {
    const response = await fetch(url);
    let received = 0;
    for await (const chunk of response.body ?? []) received += chunk.length;
    if (received !== SIZE) throw new Error(`received ${received} bytes`);
  },
});

Deno.bench({
  name: "downloadAsset(): stream, hash, verify (writes discarded)",
  group: "download 100 MiB over loopback",
  n: 5,
  warmup: 1,
  async fn() {
    const result = await downloadAsset({
      url,
      size: SIZE,
      sha256: expected,
      version: "9.9.9",
      stagedPath: join(dir, ".forge.9.9.9.bench.tmp"),
      fetch,
      files: discardingFiles,
      fs: denoFs,
    });
    if (!result.ok) throw new Error(result.message);
  },
});
