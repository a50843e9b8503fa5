/**
 * Log ingestion speed: read+split+parse+classify over a generated 500,000-line worker log
 * (about 100 MB; FORGE JSONL usage and tool events mixed with Claude Code stream-json lines).
 * `deno run -A scripts/bench_logs.ts` compares the same pipeline with jq and records memory.
 */
import { join } from "node:path";
import { denoFs } from "../../src/platform/mod.ts";
import { summarizeLog } from "../../src/workers/mod.ts";
import { generateLogFile, parsePipeline } from "../../scripts/bench_logs.ts";

const LINES = 500_000;
const dir = await Deno.makeTempDir({ prefix: "forge_log_bench_" });
const path = join(dir, "w1.log");
await generateLogFile(path, LINES);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

Deno.bench({
  name: "read+split+parse+classify 500,000 log lines",
  group: "log ingestion",
  baseline: true,
  n: 5,
  warmup: 1,
  async fn() {
    const counts = await parsePipeline(denoFs, path);
    if (counts.lines !== LINES || counts.malformed !== 0) {
      throw new Error(`read ${counts.lines} lines, ${counts.malformed} malformed`);
    }
  },
});

Deno.bench({
  name: "summarizeLog() over the same 500,000 lines (forge doctor)",
  group: "log ingestion",
  n: 5,
  warmup: 1,
  async fn() {
    const summary = await summarizeLog(denoFs, path);
    if (summary.lines !== LINES) throw new Error(`read ${summary.lines} lines`);
  },
});
