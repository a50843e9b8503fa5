import assert from "node:assert/strict";
import { join } from "node:path";
import { CLAIM_LOCK_FILE, withClaimLock } from "../../src/beads/mod.ts";
import { ForgeError } from "../../src/domain/mod.ts";
import { denoFs, systemClock } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

const options = { fs: denoFs, clock: systemClock };
const ROOT = new URL("../..", import.meta.url).pathname;

Deno.test("withClaimLock() holds the lock file during the body and removes it after", async () => {
  await using dir = await tempDir();
  const lock = join(dir.path, CLAIM_LOCK_FILE);
  const seen = await withClaimLock(
    dir.path,
    async () => (await Deno.readTextFile(lock)).trim(),
    options,
  );
  assert.match(seen, /^\d+ [0-9a-f-]{36}$/);
  assert.equal(await Deno.stat(lock).catch(() => undefined), undefined);
});

Deno.test("withClaimLock() releases the lock when the body throws", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    () => withClaimLock(dir.path, () => Promise.reject(new Error("boom")), options),
    /boom/,
  );
  assert.equal(await Deno.stat(join(dir.path, CLAIM_LOCK_FILE)).catch(() => undefined), undefined);
});

Deno.test("withClaimLock() lets one body in at a time", async () => {
  await using dir = await tempDir();
  let inside = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(Array.from({ length: 12 }, (_, i) =>
    withClaimLock(dir.path, async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 2));
      order.push(i);
      inside--;
    }, options)));
  assert.equal(most, 1);
  assert.equal(order.length, 12);
});

Deno.test("withClaimLock() breaks a stale lock and waits out a live one", async (t) => {
  await using dir = await tempDir();
  const lock = join(dir.path, CLAIM_LOCK_FILE);
  await t.step("stale (older than staleMs)", async () => {
    await Deno.writeTextFile(lock, `${Date.now() - 61_000} crashed-owner\n`);
    assert.equal(await withClaimLock(dir.path, () => Promise.resolve("ran"), options), "ran");
  });
  await t.step("live: CONFLICT after waitMs", async () => {
    await Deno.writeTextFile(lock, `${Date.now()} live-owner\n`);
    await assert.rejects(
      () => withClaimLock(dir.path, () => Promise.resolve(), { ...options, waitMs: 150 }),
      (error) => {
        assert.ok(error instanceof ForgeError);
        assert.equal(error.code, "CONFLICT");
        assert.match(error.message, /^Cannot lock beads ".*\.forge-claim\.lock": another claim/);
        assert.match(error.hint ?? "", /delete/);
        return true;
      },
    );
    assert.match(await Deno.readTextFile(lock), /live-owner/, "a live lock is never broken");
  });
});

Deno.test("withClaimLock() excludes other processes", async () => {
  await using dir = await tempDir();
  const script = join(dir.path, "contender.ts");
  await Deno.writeTextFile(
    script,
    `import { withClaimLock } from "${ROOT}src/beads/mod.ts";
import { denoFs, systemClock } from "${ROOT}src/platform/mod.ts";
const dir = Deno.args[0];
for (let i = 0; i < 5; i++) {
  await withClaimLock(dir, async () => {
    const marker = dir + "/inside";
    try { await Deno.writeTextFile(marker, "x", { createNew: true }); }
    catch { await Deno.writeTextFile(dir + "/overlaps", "!", { append: true }); }
    await new Promise((r) => setTimeout(r, 3));
    await Deno.remove(marker).catch(() => {});
    await Deno.writeTextFile(dir + "/log", "1", { append: true });
  }, { fs: denoFs, clock: systemClock });
}
`,
  );
  const runs = Array.from({ length: 4 }, () =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", script, dir.path],
      stdout: "null",
      stderr: "piped",
    }).output());
  for (const out of await Promise.all(runs)) {
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  }
  assert.equal(await Deno.readTextFile(join(dir.path, "log")), "1".repeat(20));
  assert.equal(await Deno.stat(join(dir.path, "overlaps")).catch(() => undefined), undefined);
});

Deno.test("withClaimLock() explains a .beads directory it cannot write", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    () => withClaimLock(join(dir.path, "missing", ".beads"), () => Promise.resolve(), options),
    (error) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, "IO");
      assert.match(error.message, /^Cannot lock beads ".*missing\/\.beads\/\.forge-claim\.lock": /);
      return true;
    },
  );
});
