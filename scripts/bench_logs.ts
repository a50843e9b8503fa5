/**
 * Log ingestion benchmark for the README: generates a realistic worker log (FORGE JSONL usage and
 * tool events mixed with Claude Code stream-json lines, about 200 bytes a line), then times
 * FORGE's read+split+parse+classify pipeline against `jq -c .` on the same file, and records the
 * pipeline's peak RSS at two file sizes to show that memory stays flat.
 *
 *   deno run -A scripts/bench_logs.ts [--lines 500000] [--runs 5]
 *
 * Each FORGE run is a fresh child process, like each jq run, so both include start-up.
 */
// deno-lint-ignore-file no-console
import { join } from "node:path";
import type { FileSystem, LogFormat } from "../src/domain/mod.ts";
import { LOG_FORMATS } from "../src/domain/mod.ts";
import { denoFs } from "../src/platform/mod.ts";
import { isMalformed, parseLogLine, readLogLines } from "../src/workers/mod.ts";

/** What one pipeline pass counted. */
export interface PipelineCounts {
  readonly lines: number;
  readonly malformed: number;
  readonly usageEvents: number;
  readonly formats: Readonly<Record<LogFormat, number>>;
}

const SESSION = "5f0c2a8e-1b7d-4c3e-9a61-0d2f4b7c9e13";
const TOOLS = ["Bash", "Read", "Edit", "Grep"];

/**
 * One generated log line; the mix repeats every 20 lines.
 *
 * @param i the line number
 * @returns the line, without newline
 */
export function benchLine(i: number): string {
  const ts = new Date(Date.UTC(2026, 0, 2) + i * 250).toISOString();
  const bead = `fg-${(i >> 6).toString(36)}`;
  const kind = i % 20;
  if (kind < 8) {
    return `{"timestamp":"${ts}","level":"info","worker_id":"w1","event":"api_call","model":` +
      `"claude-sonnet-4-5","bead_id":"${bead}","tokens":{"input":${1000 + (i % 977)},"output":` +
      `${40 + (i % 313)},"cache_read":${i % 5000}},"cost_usd":0.00${(i % 90) + 10}}`;
  }
  if (kind < 14) {
    const tool = TOOLS[i % TOOLS.length];
    return `{"timestamp":"${ts}","level":"debug","worker_id":"w1","event":"tool_call","tool":` +
      `"${tool}","bead_id":"${bead}","message":"${tool} finished in ${i % 900} ms (exit 0)"}`;
  }
  if (kind < 19) {
    return `{"type":"assistant","message":{"id":"msg_${i}","model":"claude-sonnet-4-5",` +
      `"content":[{"type":"text","text":"Running the tests for ${bead}."}],"usage":` +
      `{"input_tokens":${i % 3000},"output_tokens":${i % 200}}},"session_id":"${SESSION}"}`;
  }
  return `{"type":"result","subtype":"success","is_error":false,"duration_ms":${i % 60000},` +
    `"total_cost_usd":0.0${(i % 80) + 10},"modelUsage":{"claude-sonnet-4-5":{"inputTokens":` +
    `${i % 9000},"outputTokens":${i % 700},"costUSD":0.0${(i % 80) + 10}}},"session_id":` +
    `"${SESSION}","bead_id":"${bead}","result":"Done"}`;
}

/**
 * Writes a generated log, 10,000 lines per write so generation memory stays small.
 *
 * @param path the file to (over)write
 * @param lines how many lines
 * @returns the file's size in bytes
 */
export async function generateLogFile(path: string, lines: number): Promise<number> {
  const encoder = new TextEncoder();
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  let size = 0;
  for (let start = 0; start < lines; start += 10_000) {
    const block: string[] = [];
    for (let i = start; i < Math.min(lines, start + 10_000); i++) block.push(benchLine(i));
    const bytes = encoder.encode(`${block.join("\n")}\n`);
    for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
    size += bytes.length;
  }
  return size;
}

/**
 * FORGE's ingestion pipeline: read in chunks, split, parse without display text, classify.
 *
 * @param fs file access
 * @param path the log
 * @returns what was counted
 */
export async function parsePipeline(fs: FileSystem, path: string): Promise<PipelineCounts> {
  const formats = Object.fromEntries(LOG_FORMATS.map((f) => [f, 0])) as Record<LogFormat, number>;
  let lines = 0;
  let malformed = 0;
  let usageEvents = 0;
  const options = { text: false, now: Date.now() } as const;
  for await (const batch of readLogLines(fs, path, { ino: undefined, offset: 0 })) {
    for (const line of batch.lines) {
      lines++;
      const result = parseLogLine(line.text, options);
      if (isMalformed(result)) {
        malformed++;
        continue;
      }
      formats[result.format]++;
      for (const event of result.events) if (event.kind === "usage") usageEvents++;
    }
  }
  return { lines, malformed, usageEvents, formats };
}

/** Peak resident memory of this process in bytes (Linux), or 0. */
function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

interface ChildRun {
  readonly lines: number;
  readonly pipelineMs: number;
  readonly wallMs: number;
  readonly peakRss: number;
}

async function runForgeChild(path: string): Promise<ChildRun> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", new URL(import.meta.url).pathname, "--child", path],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const wallMs = performance.now() - started;
  if (!out.success) throw new Error(`the FORGE child failed with code ${out.code}`);
  const report = JSON.parse(new TextDecoder().decode(out.stdout));
  return { ...report, wallMs };
}

async function runJq(path: string): Promise<number | undefined> {
  const started = performance.now();
  try {
    const out = await new Deno.Command("jq", {
      args: ["-c", ".", path],
      stdout: "null",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`jq failed with code ${out.code}`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid] ?? 0
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function perSecond(lines: number, ms: number): string {
  return `${Math.round(lines / (ms / 1000)).toLocaleString("en-US")} lines/s`;
}

function flag(name: string, fallback: number): number {
  const i = Deno.args.indexOf(name);
  const value = i === -1 ? undefined : Number(Deno.args[i + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const lines = flag("--lines", 500_000);
  const runs = flag("--runs", 5);
  const dir = await Deno.makeTempDir({ prefix: "forge_bench_logs_" });
  try {
    const path = join(dir, "w1.log");
    const small = join(dir, "w1-100k.log");
    const size = await generateLogFile(path, lines);
    await generateLogFile(small, Math.min(lines, 100_000));
    console.log(
      `log: ${lines.toLocaleString("en-US")} lines, ${(size / 1e6).toFixed(1)} MB ` +
        `(${Math.round(size / lines)} bytes/line), ${runs} runs each, medians\n`,
    );
    const forge: ChildRun[] = [];
    const jq: number[] = [];
    for (let r = 0; r < runs; r++) {
      forge.push(await runForgeChild(path));
      const ms = await runJq(path);
      if (ms !== undefined) jq.push(ms);
    }
    const forgeWall = median(forge.map((f) => f.wallMs));
    const forgeInner = median(forge.map((f) => f.pipelineMs));
    console.log(
      `FORGE pipeline: ${perSecond(lines, forgeWall)} (whole process), ` +
        `${perSecond(lines, forgeInner)} (pipeline only)`,
    );
    if (jq.length > 0) {
      const jqMs = median(jq);
      console.log(`jq -c .:        ${perSecond(lines, jqMs)} (whole process)`);
      console.log(`ratio FORGE/jq: ${(jqMs / forgeWall).toFixed(2)}x (target >= 3x)`);
    } else {
      console.log("jq -c .:        jq is not installed; skipped");
    }
    const rssSmall = (await runForgeChild(small)).peakRss;
    const rssLarge = median(forge.map((f) => f.peakRss));
    console.log(
      `peak RSS:       ${(rssSmall / 2 ** 20).toFixed(0)} MiB at 100,000 lines, ` +
        `${(rssLarge / 2 ** 20).toFixed(0)} MiB at ${lines.toLocaleString("en-US")} lines`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function child(path: string): Promise<void> {
  const started = performance.now();
  const counts = await parsePipeline(denoFs, path);
  const pipelineMs = performance.now() - started;
  console.log(JSON.stringify({ lines: counts.lines, pipelineMs, peakRss: peakRssBytes() }));
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--child");
  const path = i === -1 ? undefined : Deno.args[i + 1];
  await (path === undefined ? main() : child(path));
}
