/**
 * Child process for update_lock_test.ts: takes the update lock in the state dir given as the
 * first argument, prints "locked", and holds it until killed.
 */
// deno-lint-ignore-file no-console
import { denoBinaryFiles, denoFs, systemClock } from "../../src/platform/mod.ts";
import { acquireUpdateLock } from "../../src/update/update_lock.ts";

const result = await acquireUpdateLock({
  stateDir: Deno.args[0]!,
  files: denoBinaryFiles,
  fs: denoFs,
  clock: systemClock,
  pid: Deno.pid,
  from: "9.9.9",
  to: "9.9.10",
});
console.log(result.ok ? "locked" : result.message);
await new Promise(() => setInterval(() => {}, 60_000));
