import assert from "node:assert/strict";
import { join } from "node:path";
import { denoBinaryFiles, denoFs, systemClock } from "../../src/platform/mod.ts";
import { acquireUpdateLock, type UpdateLockOptions } from "../../src/update/update_lock.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";

function options(stateDir: string, extra: Partial<UpdateLockOptions> = {}): UpdateLockOptions {
  return {
    stateDir,
    files: denoBinaryFiles,
    fs: denoFs,
    clock: systemClock,
    pid: 4242,
    from: "1.4.0",
    to: "1.5.0",
    ...extra,
  };
}

Deno.test("acquireUpdateLock() refuses a second update with the holder's pid and age", async () => {
  await using dir = await tempDir();
  const clock = new ManualClock(Date.parse("2026-08-20T14:00:00Z"));
  const first = await acquireUpdateLock(options(dir.path, { clock }));
  assert.ok(first.ok);
  clock.at += 12_000;
  const second = await acquireUpdateLock(options(dir.path, { clock, pid: 1 }));
  assert.deepEqual(second, {
    ok: false,
    message: "forge update: another forge update is already running (pid 4242, started 12 s " +
      "ago). Wait for it to finish and try again.",
    holder: {
      pid: 4242,
      started_at: "2026-08-20T14:00:00.000Z",
      from: "1.4.0",
      to: "1.5.0",
      command: "update",
    },
  });
  const rollback = await acquireUpdateLock(options(dir.path, { clock, command: "rollback" }));
  assert.match(
    !rollback.ok ? rollback.message : "",
    /^forge rollback: another forge update is already running/,
  );
  await first.lock.release();
  const third = await acquireUpdateLock(options(dir.path));
  assert.ok(third.ok, "free again after release");
  await third.lock.release();
});

Deno.test("acquireUpdateLock() is not blocked by an update that was killed (kill -9)", async () => {
  await using dir = await tempDir();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(import.meta.dirname!, "_hold_update_lock.ts"), dir.path],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    assert.equal((await reader.read()).value?.trim(), "locked");
    const refused = await acquireUpdateLock(options(dir.path));
    assert.equal(refused.ok, false);
    assert.match(
      !refused.ok ? refused.message : "",
      new RegExp(
        `^forge update: another forge update is already running \\(pid ${child.pid}, started \\d+ s ago\\)`,
      ),
    );
    child.kill("SIGKILL");
    await child.status;
    const taken = await waitFor(async () => {
      const result = await acquireUpdateLock(options(dir.path));
      return result.ok ? result : undefined;
    }, { what: "the lock to be free after the holder died", timeoutMs: 5_000 });
    await taken.lock.release();
  } finally {
    await reader.cancel().catch(() => {});
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
  }
});

Deno.test("acquireUpdateLock() says only 'already running' when the holder is not written yet", async () => {
  await using dir = await tempDir();
  const raw = await denoBinaryFiles.tryLock(join(dir.path, "update.lock"));
  assert.ok(raw);
  try {
    const refused = await acquireUpdateLock(options(dir.path));
    assert.deepEqual(refused, {
      ok: false,
      message: "forge update: another forge update is already running. Wait for it to finish " +
        "and try again.",
      holder: undefined,
    });
  } finally {
    await raw.release();
  }
});
