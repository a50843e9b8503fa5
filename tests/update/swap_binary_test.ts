import assert from "node:assert/strict";
import { join } from "node:path";
import type { Clock, Processes, RunResult } from "../../src/domain/mod.ts";
import { denoBinaryFiles, denoFs, systemClock } from "../../src/platform/mod.ts";
import {
  asideName,
  cleanStaleFiles,
  stagedName,
  swapBinary,
  type SwapBinaryOptions,
  windowsHolders,
} from "../../src/update/swap_binary.ts";
import { tempDir } from "../helpers/temp.ts";
import { accessDenied, fakeBinaryFiles, FakeFs, osError } from "./_fake_fs.ts";

/** A clock that records how long it was asked to sleep, and returns at once. */
function recordingClock(): Clock & { readonly slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: (ms) => (slept.push(ms), Promise.resolve()) };
}

Deno.test("stagedName() and asideName() are hidden, unique per random part and keep .exe on Windows", () => {
  assert.equal(
    stagedName("/opt/bin", { version: "1.5.0", rand: "ab12" }),
    "/opt/bin/.forge.1.5.0.ab12.tmp",
  );
  assert.equal(
    stagedName("/opt/bin", { version: "1.5.0-beta.2", rand: "c/d", platform: "windows" }),
    "/opt/bin/.forge.1.5.0-beta.2.c_d.tmp.exe",
  );
  assert.equal(
    asideName("/opt/bin", { version: "1.4.0", rand: "ab12" }),
    "/opt/bin/.forge.1.4.0.ab12.old.exe",
  );
});

Deno.test("swapBinary() on Unix renames a new inode over the target and never writes the old one", async () => {
  await using dir = await tempDir();
  const target = join(dir.path, "forge");
  const staged = stagedName(dir.path, { version: "9.9.10", rand: "ab12" });
  await Deno.writeTextFile(target, "#!/bin/sh\necho old\n", { mode: 0o755 });
  await Deno.writeTextFile(staged, "#!/bin/sh\necho new\n", { mode: 0o700 });
  const before = (await Deno.stat(target)).ino;
  using old = await Deno.open(target, { read: true });
  const result = await swapBinary({
    staged,
    target,
    platform: "unix",
    fs: denoFs,
    files: denoBinaryFiles,
    currentVersion: "9.9.9",
    mode: 0o755,
    clock: systemClock,
  });
  assert.deepEqual(result, { ok: true, aside: undefined, dirSynced: true });
  const after = await Deno.stat(target);
  assert.notEqual(after.ino, before, "a new inode");
  assert.equal(after.mode! & 0o777, 0o755);
  assert.equal(await Deno.readTextFile(target), "#!/bin/sh\necho new\n");
  const kept = new Uint8Array(64);
  const n = await old.read(kept);
  assert.equal(new TextDecoder().decode(kept.subarray(0, n ?? 0)), "#!/bin/sh\necho old\n");
  assert.deepEqual((await denoFs.readDir(dir.path)).map((e) => e.name), ["forge"]);
});

Deno.test("swapBinary() on Unix reports a failed rename, removes the staged file and keeps the target", async () => {
  await using dir = await tempDir();
  const staged = join(dir.path, ".forge.9.9.10.ab12.tmp");
  await Deno.writeTextFile(staged, "new", { mode: 0o700 });
  const target = join(dir.path, "gone", "forge");
  const result = await swapBinary({
    staged,
    target,
    platform: "unix",
    fs: denoFs,
    files: denoBinaryFiles,
    currentVersion: "9.9.9",
    clock: systemClock,
  });
  assert.deepEqual(result, {
    ok: false,
    code: "swap-failed",
    message: `forge update: could not replace ${target} (ENOENT: no such file or directory). ` +
      "Your current forge 9.9.9 is unchanged.",
  });
  assert.deepEqual((await denoFs.readDir(dir.path)).map((e) => e.name), []);
});

const TARGET = "/u/bin/forge.exe";
const STAGED = "/u/bin/.forge.1.5.0.ab12.tmp.exe";
const ASIDE = "/u/bin/.forge.1.4.0.cd34.old.exe";

function windows(
  fs: FakeFs,
  clock: Clock,
  extra: Partial<SwapBinaryOptions> = {},
): SwapBinaryOptions {
  return {
    staged: STAGED,
    target: TARGET,
    aside: ASIDE,
    platform: "windows",
    fs,
    files: fakeBinaryFiles(fs),
    currentVersion: "1.4.0",
    clock,
    ...extra,
  };
}

function installed(): FakeFs {
  return new FakeFs({ [TARGET]: "old", [STAGED]: "new" });
}

Deno.test("swapBinary() on Windows moves the running exe aside, then the new one in", async () => {
  const fs = installed();
  const result = await swapBinary(windows(fs, recordingClock()));
  assert.deepEqual(result, { ok: true, aside: ASIDE, dirSynced: false });
  assert.equal(fs.text(TARGET), "new");
  assert.equal(fs.text(ASIDE), "old");
  assert.deepEqual(fs.renames, [`${TARGET} -> ${ASIDE}`, `${STAGED} -> ${TARGET}`]);
});

Deno.test("swapBinary() on Windows retries while a scanner briefly holds the file", async () => {
  const fs = installed();
  let refusals = 3;
  fs.renameRule = (from) => from === TARGET && refusals-- > 0 ? accessDenied("rename") : undefined;
  const clock = recordingClock();
  const result = await swapBinary(windows(fs, clock));
  assert.equal(result.ok, true);
  assert.deepEqual(clock.slept, [100, 200, 400]);
  assert.equal(fs.text(TARGET), "new");
});

Deno.test("swapBinary() on Windows gives up within 5 s of retries, names the holders, changes nothing", async () => {
  const fs = installed();
  fs.renameRule = () => accessDenied("rename");
  const clock = recordingClock();
  const result = await swapBinary(
    windows(fs, clock, { holders: () => Promise.resolve([1234, 5678]) }),
  );
  assert.deepEqual(result, {
    ok: false,
    code: "swap-failed",
    message: `forge update: Windows would not let forge replace ${TARGET} after 7 attempts ` +
      "(Access is denied, os error 5). forge processes still running: 1234, 5678; security " +
      "software may also be scanning the file. Close them and retry. Your current forge 1.4.0 " +
      "is unchanged.",
  });
  assert.ok(clock.slept.reduce((a, b) => a + b, 0) <= 5_000);
  assert.equal(fs.text(TARGET), "old");
  assert.equal(fs.text(STAGED), undefined, "staged file removed");
});

Deno.test("swapBinary() on Windows puts the old exe back when the new one cannot go in", async () => {
  const fs = installed();
  fs.renameRule = (from) => from === STAGED ? accessDenied("rename") : undefined;
  const result = await swapBinary(windows(fs, recordingClock(), { command: "rollback" }));
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.code, "swap-failed");
  assert.match(
    !result.ok ? result.message : "",
    /^forge rollback: Windows would not let forge replace .*forge\.exe after 7 attempts \(Access is denied, os error 5\)\. Security software may be scanning the file, or another program holds it open\. Close it and retry\. Your current forge 1\.4\.0 is unchanged\.$/,
  );
  assert.equal(fs.text(TARGET), "old");
  assert.equal(fs.text(ASIDE), undefined);
  assert.equal(fs.text(STAGED), undefined);
});

Deno.test("swapBinary() on Windows prints the manual recovery when putting the old exe back fails too", async () => {
  const fs = installed();
  fs.renameRule = (from) => from === TARGET ? undefined : accessDenied("rename");
  const result = await swapBinary(windows(fs, recordingClock()));
  assert.deepEqual(result, {
    ok: false,
    code: "restore-failed",
    message: "forge update: could not put the new forge in place (Access is denied, os error 5) " +
      `nor the old one back (Access is denied, os error 5); ${TARGET} is missing. ` +
      `Manual recovery: rename ${ASIDE} to forge.exe`,
  });
  assert.equal(fs.text(ASIDE), "old");
});

Deno.test("swapBinary() on Windows does not retry errors a retry cannot fix", async () => {
  const fs = installed();
  fs.renameRule = () =>
    osError("ENOENT", "The system cannot find the file specified. (os error 2)");
  const clock = recordingClock();
  const result = await swapBinary(windows(fs, clock));
  assert.deepEqual(result, {
    ok: false,
    code: "swap-failed",
    message: `forge update: could not replace ${TARGET} (The system cannot find the file ` +
      "specified, os error 2). Your current forge 1.4.0 is unchanged.",
  });
  assert.deepEqual(clock.slept, []);
});

Deno.test("windowsHolders() lists the other forge processes from tasklist", async () => {
  const seen: string[][] = [];
  const processes = {
    run(command: string, args: readonly string[]): Promise<RunResult> {
      seen.push([command, ...args]);
      return Promise.resolve({
        code: 0,
        signal: undefined,
        stdout: '"forge.exe","1234","Console","1","12,345 K"\r\n' +
          '"forge.exe","77","Console","1","9,000 K"\r\n"forge.exe","5678","Console","1","1 K"\r\n',
        stderr: "",
        timedOut: false,
        durationMs: 1,
      });
    },
  } as unknown as Processes;
  assert.deepEqual(await windowsHolders(processes, { image: "forge.exe", ownPid: 77 }), [
    1234,
    5678,
  ]);
  assert.deepEqual(seen, [["tasklist", "/FI", "IMAGENAME eq forge.exe", "/FO", "CSV", "/NH"]]);
});

Deno.test("cleanStaleFiles() removes old staged, aside and probe files but not fresh or journaled ones", async () => {
  await using dir = await tempDir();
  const old = Date.now() / 1000 - 2 * 3600;
  const names = [
    ".forge.1.5.0.ab12.tmp",
    ".forge.1.4.0.cd34.old.exe",
    ".forge.probe.ef56",
    ".forge.1.5.0.journaled.tmp",
    ".forge.1.6.0.fresh.tmp",
    "forge",
    ".forge-notes.tmp",
  ];
  for (const name of names) {
    await Deno.writeTextFile(join(dir.path, name), name);
    if (name !== ".forge.1.6.0.fresh.tmp") await Deno.utime(join(dir.path, name), old, old);
  }
  const removed = await cleanStaleFiles({
    dir: dir.path,
    fs: denoFs,
    now: Date.now(),
    keep: [join(dir.path, ".forge.1.5.0.journaled.tmp")],
  });
  assert.deepEqual([...removed].sort(), [
    ".forge.1.4.0.cd34.old.exe",
    ".forge.1.5.0.ab12.tmp",
    ".forge.probe.ef56",
  ]);
  assert.deepEqual((await denoFs.readDir(dir.path)).map((e) => e.name), [
    ".forge-notes.tmp",
    ".forge.1.5.0.journaled.tmp",
    ".forge.1.6.0.fresh.tmp",
    "forge",
  ]);
});
