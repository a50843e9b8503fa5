import assert from "node:assert/strict";
import { join } from "node:path";
import { ForgeError } from "../../src/domain/mod.ts";
import { recordAudit, Store } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";

const ENTRY = {
  actor: { who: "a@b", via: "cli" },
  action: "pause",
  target: "w1",
  outcome: "ok",
  details: {},
} as const;

/** A `sqlite3` process that holds the write lock of `path` until it is told to let go. */
async function holdLock(
  path: string,
  options: { readonly forSeconds?: number } = {},
): Promise<{ release(): Promise<void> } & AsyncDisposable> {
  const child = new Deno.Command("sqlite3", {
    args: [path],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const encoder = new TextEncoder();
  let seen = "";
  const reading = (async () => {
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) seen += chunk;
  })();
  // With forSeconds, sqlite3 lets go by itself: the waiting side is blocked inside SQLite.
  const hold = options.forSeconds === undefined
    ? ""
    : `.shell sleep ${options.forSeconds}\nCOMMIT;\nSELECT 'released';\n`;
  await writer.write(encoder.encode(`BEGIN EXCLUSIVE;\nSELECT 'locked';\n${hold}`));
  await waitFor(() => seen.includes("locked"), { what: "sqlite3 to take the lock" });
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await writer.write(
      encoder.encode(options.forSeconds === undefined ? "COMMIT;\n.quit\n" : ".quit\n"),
    );
    await writer.close();
    await child.status;
    await reading;
    await child.stderr.cancel();
  };
  return { release, [Symbol.asyncDispose]: release };
}

Deno.test("a write waits for another process's lock, fails clearly, and succeeds once it is released", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  Store.open(path).close();
  await using lock = await holdLock(path);
  const store = Store.open(path, { busyTimeoutMs: 300 });
  try {
    const started = performance.now();
    assert.throws(
      () => recordAudit(store, ENTRY, { now: 1 }),
      (error) => {
        assert.ok(error instanceof ForgeError, String(error));
        assert.equal(error.code, "CONFLICT");
        assert.equal(
          error.message,
          `Cannot write to database "${path}": another process holds its lock and did not let go in time`,
        );
        assert.match(error.hint ?? "", /try again/);
        return true;
      },
    );
    // SQLite waited (with backoff) for the busy timeout before it gave up.
    assert.ok(
      performance.now() - started >= 250,
      `gave up after ${performance.now() - started} ms`,
    );
    await lock.release();
    recordAudit(store, ENTRY, { now: 2 });
    const rows = store.statement("SELECT at FROM audit").all() as { at: number }[];
    assert.deepEqual(rows.map((r) => r.at), [2]);
  } finally {
    store.close();
  }
});

Deno.test("a write retries while another process holds the lock and succeeds when it lets go in time", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge.db");
  Store.open(path).close();
  await using _lock = await holdLock(path, { forSeconds: 0.4 });
  const store = Store.open(path, { busyTimeoutMs: 10_000 });
  try {
    recordAudit(store, ENTRY, { now: 3 });
    const rows = store.statement("SELECT at FROM audit").all() as { at: number }[];
    assert.deepEqual(rows.map((r) => r.at), [3]);
  } finally {
    store.close();
  }
});
