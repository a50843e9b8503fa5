import assert from "node:assert/strict";
import { join } from "node:path";
import { ForgeError } from "../../src/domain/mod.ts";
import { recordAudit, Store } from "../../src/store/mod.ts";
import { tempDir } from "../helpers/temp.ts";

/** A real store with enough rows for many pages, folded back into the main file. */
function realDatabase(path: string): void {
  const store = Store.open(path);
  for (let i = 0; i < 2_000; i++) {
    recordAudit(store, {
      actor: { who: "a@b", via: "cli" },
      action: "spawn",
      target: `w${i}`,
      outcome: "ok",
      details: { i },
    }, { now: i });
  }
  store.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  store.close();
}

function assertDamaged(path: string): void {
  assert.throws(
    () => Store.open(path),
    (error) => {
      assert.ok(error instanceof ForgeError, String(error));
      assert.equal(error.code, "IO");
      assert.ok(
        error.message.startsWith(`Cannot open database "${path}": it is damaged (`),
        error.message,
      );
      assert.match(error.hint ?? "", /never replaces it/);
      return true;
    },
  );
}

Deno.test("Store.open() reports a damaged file by name and never replaces it", async (t) => {
  await using dir = await tempDir();
  const real = join(dir.path, "real.db");
  realDatabase(real);
  const whole = await Deno.readFile(real);
  const random = crypto.getRandomValues(new Uint8Array(16_384));
  const cases: [string, Uint8Array][] = [
    ["random bytes", random],
    ["a real database cut to half", whole.subarray(0, whole.length / 2)],
    ["a real database cut inside its first page", whole.subarray(0, 1_000)],
  ];
  for (const [name, bytes] of cases) {
    await t.step(name, async () => {
      const path = join(dir.path, `${name.replaceAll(" ", "_")}.db`);
      await Deno.writeFile(path, bytes);
      assertDamaged(path);
      // Twice: a second attempt must not find a "repaired" (recreated) file either.
      assertDamaged(path);
      assert.deepEqual(await Deno.readFile(path), bytes);
      assert.equal((await Deno.stat(`${path}-wal`).catch(() => undefined))?.size ?? 0, 0);
    });
  }
});
