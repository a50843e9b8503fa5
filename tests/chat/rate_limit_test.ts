import assert from "node:assert/strict";
import { join } from "node:path";
import { decideRate, openRateLog } from "../../src/chat/mod.ts";
import { denoFs } from "../../src/platform/mod.ts";
import { ManualClock } from "../helpers/manual_clock.ts";
import { tempDir } from "../helpers/temp.ts";

const LIMITS = { perMinute: 10, perHour: 100 };

Deno.test("decideRate() allows 10 a minute and says when the next one may go", () => {
  const now = 1_000_000_000;
  const nine = Array.from({ length: 9 }, (_, i) => now - 50_000 + i * 1000);
  assert.deepEqual(decideRate(nine, now, LIMITS), { ok: true });
  const ten = [...nine, now - 1000];
  const refused = decideRate(ten, now, LIMITS);
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.retryInMs, 10_000, "the oldest of the ten leaves the window in 10 s");
    assert.match(refused.message, /at most 10 requests a minute .*try again in 10 s/);
  }
  assert.deepEqual(decideRate(ten, now + 10_001, LIMITS), { ok: true });
});

Deno.test("decideRate() allows 100 an hour", () => {
  const now = 5_000_000_000;
  const spread = Array.from({ length: 100 }, (_, i) => now - 3_500_000 + i * 30_000);
  const refused = decideRate(spread.filter((t) => t < now - 60_000), now, LIMITS);
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.match(refused.message, /100 requests an hour.*try again in 100 s/);
  assert.deepEqual(decideRate([], now, LIMITS), { ok: true });
});

Deno.test("the rate file is shared by separate runs and survives damage", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "state", "chat-rate.json");
  const clock = new ManualClock(2_000_000_000_000);
  const limits = { perMinute: 2, perHour: 10 };
  assert.equal((await openRateLog({ fs: denoFs, clock, path }).take(limits)).ok, true);
  assert.equal((await openRateLog({ fs: denoFs, clock, path }).take(limits)).ok, true);
  assert.equal((await openRateLog({ fs: denoFs, clock, path }).take(limits)).ok, false);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  await Deno.writeTextFile(path, "{not json");
  assert.equal((await openRateLog({ fs: denoFs, clock, path }).take(limits)).ok, true);
});
