/**
 * Child process for update_journal_test.ts: sets up an install in the directory given as the
 * first argument, takes the update lock, journals phase "swap", swaps when the second argument is
 * "after_swap", then prints "paused" and waits to be killed (kill -9) at that point.
 */
// deno-lint-ignore-file no-console
import { createHash } from "node:crypto";
import { join } from "node:path";
import { denoBinaryFiles, denoFs, systemClock } from "../../src/platform/mod.ts";
import { swapBinary } from "../../src/update/swap_binary.ts";
import { writeJournal } from "../../src/update/update_journal.ts";
import { acquireUpdateLock } from "../../src/update/update_lock.ts";

const [dir, pause] = Deno.args as [string, string];
const stateDir = join(dir, "state");
const target = join(dir, "bin", "forge");
const staged = join(dir, "bin", ".forge.9.9.10.ab12.tmp");
const sha = (text: string) => createHash("sha256").update(text).digest("hex");
await Deno.mkdir(join(dir, "bin"), { recursive: true });
await Deno.writeTextFile(target, "forge 9.9.9", { mode: 0o755 });
await Deno.writeTextFile(staged, "forge 9.9.10", { mode: 0o700 });
const lock = await acquireUpdateLock({
  stateDir,
  files: denoBinaryFiles,
  fs: denoFs,
  clock: systemClock,
  pid: Deno.pid,
  from: "9.9.9",
  to: "9.9.10",
});
if (!lock.ok) throw new Error(lock.message);
await writeJournal(denoFs, {
  stateDir,
  journal: {
    phase: "swap",
    command: "update",
    platform: "unix",
    from: "9.9.9",
    to: "9.9.10",
    target,
    staged,
    backup: join(stateDir, "versions", "9.9.9", "forge"),
    sha256: sha("forge 9.9.10"),
    from_sha256: sha("forge 9.9.9"),
    pid: Deno.pid,
    started_at: new Date().toISOString(),
  },
});
if (pause === "after_swap") {
  const swapped = await swapBinary({
    staged,
    target,
    platform: "unix",
    fs: denoFs,
    files: denoBinaryFiles,
    currentVersion: "9.9.9",
    mode: 0o755,
    clock: systemClock,
  });
  if (!swapped.ok) throw new Error(swapped.message);
}
console.log("paused");
await new Promise(() => setInterval(() => {}, 60_000));
