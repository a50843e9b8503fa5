import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Store } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { fixedClock, jsonLine, rawSums, rollupSums, rows, testConfig } from "./_ingest_fixtures.ts";
import { ingestLogs } from "../../src/actions/mod.ts";
import { homeLayout } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";

const WORKERS = ["w1", "w2", "w3", "w4"];
const LINES_PER_WORKER = 50_000;
const START = Date.UTC(2026, 2, 1);
const CHILD = new URL("./_ingest_child.ts", import.meta.url).pathname;

/** What the logs hold, counted while writing them. */
interface HandCount {
  usage: number;
  input: number;
  output: number;
  tasks: number;
  bytes: number;
  perWorker: Map<string, { usage: number; input: number }>;
}

/** Writes large logs: usage lines with unique input counts per worker, task lines, junk. */
async function writeLogs(logs: string): Promise<HandCount> {
  await Deno.mkdir(logs, { recursive: true });
  const hand: HandCount = {
    usage: 0,
    input: 0,
    output: 0,
    tasks: 0,
    bytes: 0,
    perWorker: new Map(),
  };
  for (const worker of WORKERS) {
    const parts: string[] = [];
    const mine = { usage: 0, input: 0 };
    for (let i = 0; i < LINES_PER_WORKER; i++) {
      const timestamp = START + i * 2_000; // epoch ms: cheaper to write than ISO text
      if (i % 1_000 === 0) {
        parts.push(jsonLine({ timestamp, event: "task_started", bead_id: `bd-${i / 1_000}` }));
        hand.tasks++;
      }
      if (i % 9_999 === 0) parts.push("{broken json\n");
      const input = i + 1; // unique within the worker: a duplicated row would show
      const output = (i * 7) % 1_000;
      parts.push(jsonLine({
        timestamp,
        event: "api_call",
        model: i % 2 === 0 ? "claude-sonnet-4-5" : "gpt-5",
        tokens: { input, output },
      }));
      mine.usage++;
      mine.input += input;
      hand.output += output;
    }
    // A last line still being written: not usage yet.
    parts.push('{"event":"api_call","tokens":{"input":5');
    const text = parts.join("");
    await Deno.writeTextFile(join(logs, `${worker}.log`), text);
    hand.bytes += new TextEncoder().encode(text).length;
    hand.usage += mine.usage;
    hand.input += mine.input;
    hand.perWorker.set(worker, mine);
  }
  return hand;
}

/** Bytes of the logs whose rows are committed, read through a separate connection. */
function committedBytes(database: string): number {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return Number(
      (db.prepare("SELECT coalesce(sum(offset), 0) AS b FROM log_offsets").get() as { b: number })
        .b,
    );
  } finally {
    db.close();
  }
}

type KillPoint = { readonly what: string; readonly reached: (database: string) => boolean };

function walExists(): KillPoint {
  return {
    what: "the write-ahead log to exist",
    reached: (database) => {
      try {
        return Deno.statSync(`${database}-wal`).size > 0;
      } catch {
        return false;
      }
    },
  };
}

function committed(fraction: number, total: number): KillPoint {
  return {
    what: `${Math.round(fraction * 100)} % of the logs to be committed`,
    reached: (database) => committedBytes(database) >= fraction * total,
  };
}

/** Runs the ingesting child up to the kill point, then SIGKILLs it; true when it was mid-ingest. */
async function killAt(home: string, database: string, point: KillPoint): Promise<boolean> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", CHILD, home, database],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  let err = "";
  let exited = false;
  const status = child.status.finally(() => (exited = true));
  const reading = Promise.all([
    (async () => {
      for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) out += chunk;
    })(),
    (async () => {
      for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) err += chunk;
    })(),
  ]);
  try {
    await waitFor(() => exited || out.includes("done") || point.reached(database), {
      timeoutMs: 20_000,
      intervalMs: 20,
      what: point.what,
    });
  } finally {
    if (!exited) child.kill("SIGKILL");
    await child.stdin.abort().catch(() => {});
    const { signal, code } = await status;
    await reading;
    // Killed, or (on a fast machine) finished before the kill point: anything else is a failure.
    const finished = code === 0 && out.includes("done");
    assert.ok(
      signal === "SIGKILL" || finished,
      `the ingesting child failed (${code}): ${out}${err}`,
    );
  }
  return !out.includes("done");
}

Deno.test("an ingest killed with SIGKILL at any point loses and duplicates nothing once ingest runs again", async (t) => {
  await using dir = await tempDir("forge_kill_");
  const home = join(dir.path, "home");
  const hand = await writeLogs(join(home, "logs"));
  const config = await testConfig();
  const total = hand.bytes;
  // Each round starts a new database and kills one child after another at later points.
  const rounds: KillPoint[][] = [
    [walExists(), committed(0.4, total), committed(0.8, total)],
    [committed(0.2, total), committed(0.6, total), committed(0.95, total)],
  ];
  let killedMidIngest = 0;
  for (const [i, points] of rounds.entries()) {
    await t.step(points.map((p) => p.what).join(", then "), async () => {
      const database = join(dir.path, `round${i}.db`);
      for (const point of points) if (await killAt(home, database, point)) killedMidIngest++;
      const store = Store.open(database);
      try {
        await ingestLogs({
          fs: denoFs,
          clock: fixedClock(),
          layout: homeLayout(home),
          config,
          store,
        });
        assertExact(store, hand);
      } finally {
        store.close();
      }
    });
  }
  // Most kill points must have caught the child mid-way, or this test tested nothing.
  assert.ok(killedMidIngest >= 4, `only ${killedMidIngest} kills landed during ingestion`);
});

function assertExact(store: Store, hand: HandCount): void {
  assert.deepEqual(rows(store, "PRAGMA integrity_check").map((r) => r["integrity_check"]), ["ok"]);
  const raw = rawSums(store);
  assert.equal(raw.calls, hand.usage);
  assert.equal(raw.input, hand.input);
  assert.equal(raw.output, hand.output);
  for (const [worker, mine] of hand.perWorker) {
    const [row] = rows(
      store,
      "SELECT count(*) AS n, count(DISTINCT input_tokens) AS d, sum(input_tokens) AS i FROM usage WHERE worker_id = ?",
      worker,
    );
    assert.deepEqual({ ...row }, { n: mine.usage, d: mine.usage, i: mine.input }, worker);
  }
  assert.deepEqual(rollupSums(store, "usage_hourly"), raw);
  assert.deepEqual(rollupSums(store, "usage_daily"), raw);
  assert.deepEqual(rollupSums(store, "usage_bead_daily"), rawSums(store, "bead_id IS NOT NULL"));
  assert.deepEqual(rollupSums(store, "usage_bead_hourly"), rawSums(store, "bead_id IS NOT NULL"));
  assert.equal(Number(rows(store, "SELECT count(*) AS n FROM task_events")[0]?.["n"]), hand.tasks);
}
