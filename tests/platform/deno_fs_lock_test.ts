import assert from "node:assert/strict";
import { join } from "node:path";
import { ForgeError } from "../../src/domain/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

Deno.test("denoFs.lock() waits for a holder that lets go", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, ".w.lock");
  const first = await denoFs.lock(path);
  let second = false;
  const waiting = denoFs.lock(path, { timeoutMs: 10_000 }).then((l) => {
    second = true;
    return l;
  });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(second, false, "blocked while the first holds it");
  await first.release();
  await (await waiting).release();
  assert.equal(second, true);
});

Deno.test("denoFs.lock() gives up with a clear error when the holder never lets go", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, ".w.lock");
  // Another process (flock(1), as launchers use) holds it for longer than the timeout.
  const holder = new Deno.Command("flock", {
    args: ["-x", path, "sleep", "30"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    const deadline = Date.now() + 10_000;
    while (
      await denoFs.lock(path, { timeoutMs: 0 }).then((l) => l.release(), () => false) !== false
    ) {
      if (Date.now() > deadline) throw new Error("flock(1) never took the lock");
    }
    await assert.rejects(denoFs.lock(path, { timeoutMs: 200 }), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, "IO");
      assert.match(error.message, /Cannot lock ".*\.w\.lock": another process has held it/);
      return true;
    });
  } finally {
    holder.kill("SIGKILL");
    await holder.status;
  }
});
