/**
 * Ingestion benchmark for the README. Generates worker logs of FORGE JSONL usage lines (10 logs,
 * beads changing every 200 lines, as real workers write them), then measures in one run:
 *   (a) FORGE ingesting them into a fresh forge.db (read, parse, price, de-duplicate, insert,
 *       roll up, advance offsets), in events/s;
 *   (b) a bare node:sqlite insert loop with a unique source key (the baseline);
 *   (c) the sqlite3 CLI importing the same rows as CSV into the same table.
 * Each is repeated; medians are printed with the ratios.
 *
 *   deno run -A scripts/bench_ingest.ts [--lines 500000] [--runs 3]
 */
// deno-lint-ignore-file no-console
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { ingestLogs } from "../src/actions/mod.ts";
import { defaultConfig, homeLayout } from "../src/domain/mod.ts";
import { denoFs, systemClock } from "../src/platform/mod.ts";
import { Store } from "../src/store/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { lines: { type: "string" }, runs: { type: "string" } },
});
const total = Number(values.lines ?? 500_000);
const runs = Number(values.runs ?? 3);
const LOGS = 10;
const root = await Deno.makeTempDir({ prefix: "forge_bench_ingest_" });

function line(worker: number, i: number): string {
  return JSON.stringify({
    timestamp: new Date(Date.UTC(2026, 10, 1) + i * 250).toISOString(),
    level: "info",
    worker_id: `sim-w${worker}`,
    event: "api_call",
    model: ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5.5", "glm-4.7"][worker % 4],
    bead_id: `bd-${worker}-${Math.floor(i / 200)}`,
    tokens: {
      input: 800 + (i * 37) % 5200,
      output: 50 + (i * 13) % 1400,
      cache_read: (i * 7) % 6000,
      cache_write: 0,
    },
    cost_usd: Number((0.001 + ((i * 31) % 997) / 100_000).toFixed(6)),
  });
}

const logs = join(root, "logs");
await Deno.mkdir(logs, { recursive: true });
const csv: string[] = [];
for (let w = 0; w < LOGS; w++) {
  const lines: string[] = [];
  for (let i = 0; i < total / LOGS; i++) {
    const text = line(w, i);
    lines.push(text);
    const o = JSON.parse(text);
    csv.push(
      [
        w + 1,
        i * 300,
        0,
        Date.parse(o.timestamp),
        o.worker_id,
        "/ws",
        o.bead_id,
        o.model,
        "",
        o.tokens.input,
        o.tokens.output,
        o.tokens.cache_read,
        0,
        Math.round(o.cost_usd * 1e9),
        "log",
      ].join(","),
    );
  }
  await Deno.writeTextFile(join(logs, `sim-w${w}.log`), `${lines.join("\n")}\n`);
}
await Deno.writeTextFile(join(root, "usage.csv"), `${csv.join("\n")}\n`);
const size = (await Deno.stat(join(logs, "sim-w0.log"))).size * LOGS;
console.log(
  `${total.toLocaleString()} usage lines in ${LOGS} logs, ${
    (size / 1e6).toFixed(1)
  } MB; ${runs} runs each, medians`,
);

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const config = await defaultConfig();

async function forgeRun(r: number): Promise<number> {
  const home = join(root, `home${r}`);
  await Deno.mkdir(home, { recursive: true });
  await Deno.symlink(logs, join(home, "logs"));
  const layout = homeLayout(home);
  const start = performance.now();
  const store = Store.open(layout.database);
  const report = await ingestLogs({ fs: denoFs, clock: systemClock, layout, config, store });
  store.close();
  if (report.usageInserted !== total) {
    throw new Error(`ingested ${report.usageInserted} of ${total}`);
  }
  return total / ((performance.now() - start) / 1000);
}

function bareRun(r: number): number {
  const db = new DatabaseSync(join(root, `bare${r}.db`));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  db.exec(
    "CREATE TABLE u (source_id INTEGER, source_offset INTEGER, v INTEGER, UNIQUE (source_id, source_offset))",
  );
  const insert = db.prepare("INSERT OR IGNORE INTO u VALUES (?, ?, ?)");
  const start = performance.now();
  db.exec("BEGIN");
  for (let i = 0; i < total; i++) insert.run(1, i, i);
  db.exec("COMMIT");
  db.close();
  return total / ((performance.now() - start) / 1000);
}

async function sqliteCliRun(r: number): Promise<number> {
  const path = join(root, `cli${r}.db`);
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL;");
  // FORGE's usage table without the rowid alias (CSV rows carry no id), same unique source key.
  db.exec(`CREATE TABLE usage (
    source_id INTEGER NOT NULL, source_offset INTEGER NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
    worker_id TEXT NOT NULL, workspace TEXT NOT NULL, bead_id TEXT, model TEXT NOT NULL, plan TEXT NOT NULL,
    input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cache_read_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL, cost_nanos INTEGER NOT NULL, cost_source TEXT NOT NULL,
    UNIQUE (source_id, source_offset, seq))`);
  db.close();
  const start = performance.now();
  const out = await new Deno.Command("sqlite3", {
    args: [
      path,
      "PRAGMA synchronous = NORMAL;",
      ".mode csv",
      `.import ${join(root, "usage.csv")} usage`,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  const errors = new TextDecoder().decode(out.stderr);
  if (!out.success || errors !== "") throw new Error(`sqlite3 failed: ${errors.slice(0, 500)}`);
  return total / ((performance.now() - start) / 1000);
}

const forge: number[] = [];
const bare: number[] = [];
const cli: number[] = [];
const hasSqlite3 =
  (await new Deno.Command("sh", { args: ["-c", "command -v sqlite3"], stdout: "null" }).output())
    .success;
try {
  for (let r = 0; r < runs; r++) {
    forge.push(await forgeRun(r));
    bare.push(bareRun(r));
    if (hasSqlite3) cli.push(await sqliteCliRun(r));
  }
} finally {
  await Deno.remove(root, { recursive: true });
}
const f = median(forge);
const b = median(bare);
console.log(`FORGE ingest (log lines → forge.db): ${Math.round(f).toLocaleString()} events/s`);
console.log(
  `bare node:sqlite insert loop:        ${Math.round(b).toLocaleString()} rows/s  (FORGE/bare ${
    (f / b).toFixed(2)
  })`,
);
if (hasSqlite3) {
  const c = median(cli);
  console.log(
    `sqlite3 CLI .import of the same CSV:  ${
      Math.round(c).toLocaleString()
    } rows/s  (FORGE/sqlite3 ${(f / c).toFixed(2)})`,
  );
}
