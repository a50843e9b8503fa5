import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
/** Generous: a loaded machine can take seconds to start a Deno child. */
const WAIT_MS = 30_000;
/** `HH:MM:SS` is local time; the tests pin the zone. */
const UTC = { TZ: "UTC" };

const forge = (minute: number, o: object) =>
  JSON.stringify({
    timestamp: `2026-01-02T11:${String(minute).padStart(2, "0")}:00Z`,
    level: "info",
    worker_id: "w1",
    ...o,
  });

const LOG_LINES = [
  forge(0, { event: "worker_started", model: "sonnet" }),
  forge(1, { event: "task_started", task_id: "fg-1" }),
  forge(2, { level: "warning", message: "slow disk" }),
  '{"timestamp":"2026-01-02T11:03:00Z","level":"inf',
  JSON.stringify({ type: "turn.completed", usage: { input_tokens: 40, cached_input_tokens: 10 } }),
  forge(5, { level: "error", event: "task_failed", task_id: "fg-1", error: "tests failed" }),
  "2026-01-02T11:06:00Z [DEBUG] cache warm",
];

async function sandboxWithLog(lines: readonly string[] = LOG_LINES) {
  const sb = await forgeSandbox("logs");
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  await Deno.writeTextFile(join(sb.home, "logs", "w1.log"), `${lines.join("\n")}\n`);
  return sb;
}

Deno.test("forge logs prints the last N lines as time, level and text", async () => {
  await using sb = await sandboxWithLog();
  const run = await sb.forge(["logs", "w1", "-n", "5"], { env: UTC });
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split("\n");
  // The JSON error's wording is V8's own.
  assert.match(lines[1] ?? "", /^ {15}\(malformed: invalid JSON: .+\)$/);
  assert.deepEqual(lines.toSpliced(1, 1), [
    "11:02:00 WARN  slow disk",
    "         INFO  turn completed: 40 in (10 cached), 0 out",
    "11:05:00 ERROR task failed fg-1 (tests failed)",
    "11:06:00 DEBUG cache warm",
    "",
  ]);
  assert.match(run.stderr, /1 malformed line shown/);
});

Deno.test("forge logs --json prints one object per line with its offset", async () => {
  await using sb = await sandboxWithLog();
  const run = await sb.forge(["logs", "w1", "-n", "3", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const objects = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const offsetOf = (i: number) =>
    new TextEncoder().encode(LOG_LINES.slice(0, i).join("\n")).length + 1;
  assert.deepEqual(objects.map((o) => [o.offset, o.format, o.level]), [
    [offsetOf(4), "codex-json", "info"],
    [offsetOf(5), "forge-jsonl", "error"],
    [offsetOf(6), "text", "debug"],
  ]);
  assert.equal(objects[1].at, "2026-01-02T11:05:00.000Z");
  assert.deepEqual(objects[1].events, [
    { kind: "task", phase: "failed", beadId: "fg-1", error: "tests failed" },
  ]);
  assert.deepEqual(objects[0].events[0].tokens, {
    input: 30,
    output: 0,
    cacheRead: 10,
    cacheWrite: 0,
  });
});

Deno.test("forge logs --raw prints the lines as written", async () => {
  await using sb = await sandboxWithLog();
  const run = await sb.forge(["logs", "w1", "--raw", "-n", "4"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `${LOG_LINES.slice(3).join("\n")}\n`);
});

Deno.test("forge logs defaults to the last 50 lines", async () => {
  const many = Array.from({ length: 120 }, (_, i) => `2026-01-02T11:00:00Z [INFO] line ${i}`);
  await using sb = await sandboxWithLog(many);
  const run = await sb.forge(["logs", "w1", "--raw"]);
  const out = run.stdout.trim().split("\n");
  assert.equal(out.length, 50);
  assert.equal(out[0], many[70]);
});

Deno.test("forge logs exits 3 with a hint for an unknown worker", async () => {
  await using sb = await sandboxWithLog();
  const run = await sb.forge(["logs", "w9"]);
  assert.equal(run.code, 3);
  assert.match(run.stderr, /Cannot show the log of worker "w9": there is no .*w9\.log/);
  assert.match(run.stderr, /forge workers/);
});

Deno.test("forge logs exits 2 for a bad worker id or line count", async (t) => {
  await using sb = await sandboxWithLog();
  for (const args of [["logs", "../w1"], ["logs", "w1", "-n", "many"]]) {
    await t.step(args.join(" "), async () => {
      const run = await sb.forge(args);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /Cannot show/);
    });
  }
});

Deno.test("forge logs -f prints appended lines across truncation and rotation until SIGINT", async () => {
  await using sb = await sandboxWithLog();
  const path = join(sb.home, "logs", "w1.log");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, "logs", "w1", "-f", "-n", "1", "--raw"],
    env: { ...Deno.env.toObject(), ...sb.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  try {
    await waitFor(() => stdout.text.includes("cache warm"), {
      what: "the last line",
      timeoutMs: WAIT_MS,
    });
    await Deno.writeTextFile(path, "appended one\nappended", { append: true });
    await waitFor(() => stdout.text.includes("appended one\n"), {
      what: "an appended line",
      timeoutMs: WAIT_MS,
    });
    await Deno.writeTextFile(path, " two\n", { append: true });
    await waitFor(() => stdout.text.includes("appended two\n"), {
      what: "a completed line",
      timeoutMs: WAIT_MS,
    });
    await Deno.truncate(path, 0);
    await Deno.writeTextFile(path, "after truncation\n", { append: true });
    await waitFor(() => stdout.text.includes("after truncation\n"), {
      what: "the new start",
      timeoutMs: WAIT_MS,
    });
    assert.match(stderr.text, /was truncated; reading it from the start/);
    await Deno.rename(path, `${path}.1`);
    await Deno.writeTextFile(`${path}.new`, "rotated in\n");
    await Deno.rename(`${path}.new`, path);
    await waitFor(() => stdout.text.includes("rotated in\n"), {
      what: "the rotated file",
      timeoutMs: WAIT_MS,
    });
    assert.match(stderr.text, /was rotated; reading it from the start/);
  } finally {
    child.kill("SIGINT");
  }
  const status = await child.status;
  await Promise.all([stdout.done, stderr.done]);
  assert.equal(status.code, 0, stderr.text);
  assert.equal(
    stdout.text,
    "2026-01-02T11:06:00Z [DEBUG] cache warm\nappended one\nappended two\nafter truncation\n" +
      "rotated in\n",
  );
});

function collect(stream: ReadableStream<Uint8Array>): { text: string; done: Promise<void> } {
  const sink = { text: "", done: Promise.resolve() };
  sink.done = (async () => {
    for await (const part of stream.pipeThrough(new TextDecoderStream())) sink.text += part;
  })();
  return sink;
}
