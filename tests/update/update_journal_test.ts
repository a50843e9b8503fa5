import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { denoBinaryFiles, denoFs } from "../../src/platform/mod.ts";
import {
  journalPath,
  readJournal,
  repairUpdate,
  type UpdateJournal,
  writeJournal,
} from "../../src/update/update_journal.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { accessDenied, fakeBinaryFiles, FakeFs } from "./_fake_fs.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

interface Install {
  readonly stateDir: string;
  readonly target: string;
  readonly staged: string;
  readonly aside: string;
  readonly journal: UpdateJournal;
}

async function install(
  dir: string,
  phase: UpdateJournal["phase"],
  platform: "unix" | "windows",
): Promise<Install> {
  const stateDir = join(dir, "state");
  const bin = join(dir, "bin");
  await Deno.mkdir(bin, { recursive: true });
  const target = join(bin, "forge");
  const staged = join(bin, ".forge.1.5.0.ab12.tmp");
  const aside = join(bin, ".forge.1.4.0.cd34.old.exe");
  await Deno.writeTextFile(target, "forge 1.4.0");
  await Deno.writeTextFile(staged, "forge 1.5.0");
  const journal: UpdateJournal = {
    phase,
    command: "update",
    platform,
    from: "1.4.0",
    to: "1.5.0",
    target,
    staged,
    ...(platform === "windows" ? { aside } : {}),
    backup: join(stateDir, "versions", "1.4.0", "forge"),
    sha256: sha("forge 1.5.0"),
    from_sha256: sha("forge 1.4.0"),
    pid: 4242,
    started_at: "2026-08-20T14:00:00.000Z",
  };
  await writeJournal(denoFs, { stateDir, journal });
  return { stateDir, target, staged, aside, journal };
}

const REPAIRED = {
  kind: "repaired",
  installed: "1.4.0",
  message: "forge: repaired an interrupted update (1.4.0 → 1.5.0) at startup; forge 1.4.0 is " +
    "installed. Run 'forge update' to try again.",
};
const FINISHED = {
  kind: "finished",
  installed: "1.5.0",
  message:
    "forge: finished an interrupted update (1.4.0 → 1.5.0) at startup; forge 1.5.0 is installed.",
};

async function exists(path: string): Promise<boolean> {
  return (await denoFs.stat(path)) !== undefined;
}

Deno.test("writeJournal() and readJournal() round-trip; a garbled journal reads as invalid", async () => {
  await using dir = await tempDir();
  assert.equal(await readJournal(denoFs, dir.path), undefined);
  const { stateDir, journal } = await install(dir.path, "swap", "windows");
  assert.deepEqual(await readJournal(denoFs, stateDir), journal);
  await Deno.writeTextFile(journalPath(stateDir), '{"phase":"swap"');
  assert.equal(await readJournal(denoFs, stateDir), "invalid");
  await Deno.writeTextFile(journalPath(stateDir), JSON.stringify({ ...journal, sha256: "nope" }));
  assert.equal(await readJournal(denoFs, stateDir), "invalid");
});

Deno.test("repairUpdate() acts on each phase a killed update can leave", async (t) => {
  const repair = (stateDir: string) =>
    repairUpdate({ stateDir, fs: denoFs, files: denoBinaryFiles });
  await t.step("no journal", async () => {
    await using dir = await tempDir();
    assert.deepEqual(await repair(dir.path), { kind: "none" });
  });
  await t.step("staged: drops the download, the old binary stays", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "staged", "unix");
    assert.deepEqual(await repair(i.stateDir), REPAIRED);
    assert.equal(await exists(i.staged), false);
    assert.equal(await exists(journalPath(i.stateDir)), false);
    assert.equal(await Deno.readTextFile(i.target), "forge 1.4.0");
  });
  await t.step("unix swap not yet done: the target hashes as the old version", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "swap", "unix");
    assert.deepEqual(await repair(i.stateDir), REPAIRED);
    assert.equal(await exists(i.staged), false);
  });
  await t.step("unix swap done: the target hashes as the new version", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "swap", "unix");
    await Deno.rename(i.staged, i.target);
    assert.deepEqual(await repair(i.stateDir), FINISHED);
    assert.equal(await exists(journalPath(i.stateDir)), false);
  });
  await t.step("unix target matching neither: manual recovery, journal kept", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "swap", "unix");
    await Deno.writeTextFile(i.target, "garbage");
    assert.deepEqual(await repair(i.stateDir), {
      kind: "failed",
      message: `forge: an interrupted update (1.4.0 → 1.5.0) left ${i.target} matching neither ` +
        `version. Manual recovery: copy ${i.journal.backup} to ${i.target}`,
    });
    assert.equal(await exists(journalPath(i.stateDir)), true);
  });
  await t.step("windows between the renames: the aside is renamed back", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "swap", "windows");
    await Deno.rename(i.target, i.aside);
    assert.deepEqual(await repair(i.stateDir), REPAIRED);
    assert.equal(await Deno.readTextFile(i.target), "forge 1.4.0");
    assert.equal(await exists(i.aside), false);
    assert.equal(await exists(i.staged), false);
  });
  await t.step("windows after both renames: finished, the aside left for cleanup", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "swap", "windows");
    await Deno.rename(i.target, i.aside);
    await Deno.rename(i.staged, i.target);
    assert.deepEqual(await repair(i.stateDir), FINISHED);
    assert.equal(await exists(i.aside), true);
  });
  await t.step("done: the journal is just removed", async () => {
    await using dir = await tempDir();
    const i = await install(dir.path, "done", "unix");
    assert.deepEqual(await repair(i.stateDir), { kind: "none" });
    assert.equal(await exists(journalPath(i.stateDir)), false);
  });
  await t.step("an unreadable journal is discarded", async () => {
    await using dir = await tempDir();
    await Deno.writeTextFile(journalPath(dir.path), "{");
    assert.deepEqual(await repair(dir.path), {
      kind: "discarded",
      message: `forge: removed an unreadable update journal (${journalPath(dir.path)}). If forge ` +
        "misbehaves, reinstall it.",
    });
  });
});

Deno.test("repairUpdate() prints the manual recovery when Windows will not rename the aside back", async () => {
  const target = "C:/u/bin/forge.exe";
  const aside = "C:/u/bin/.forge.1.4.0.cd34.old.exe";
  const fs = new FakeFs({
    [aside]: "forge 1.4.0",
    "C:/u/bin/.forge.1.5.0.ab12.tmp.exe": "forge 1.5.0",
  });
  await writeJournal(fs, {
    stateDir: "C:/state",
    journal: {
      phase: "swap",
      command: "update",
      platform: "windows",
      from: "1.4.0",
      to: "1.5.0",
      target,
      staged: "C:/u/bin/.forge.1.5.0.ab12.tmp.exe",
      aside,
      backup: "C:/state/versions/1.4.0/forge.exe",
      sha256: sha("forge 1.5.0"),
      from_sha256: sha("forge 1.4.0"),
      pid: 1,
      started_at: "2026-08-20T14:00:00.000Z",
    },
  });
  fs.renameRule = () => accessDenied("rename");
  const outcome = await repairUpdate({
    stateDir: "C:/state",
    fs,
    files: fakeBinaryFiles(fs),
    lockHeld: true,
  });
  assert.deepEqual(outcome, {
    kind: "failed",
    message:
      `forge: an interrupted update (1.4.0 → 1.5.0) left ${target} missing, and putting it ` +
      `back failed (Access is denied, os error 5). Manual recovery: rename ${aside} to forge.exe`,
  });
  assert.ok(fs.files.has("C:/state/update-journal.json"), "kept for the next start");
});

const KILLED = {
  before_swap: {
    kind: "repaired",
    installed: "9.9.9",
    message: "forge: repaired an interrupted update (9.9.9 → 9.9.10) at startup; forge 9.9.9 is " +
      "installed. Run 'forge update' to try again.",
  },
  after_swap: {
    kind: "finished",
    installed: "9.9.10",
    message: "forge: finished an interrupted update (9.9.9 → 9.9.10) at startup; forge 9.9.10 is " +
      "installed.",
  },
} as const;

for (const pause of ["before_swap", "after_swap"] as const) {
  Deno.test(`repairUpdate() waits for a live update, then repairs it once killed at ${pause}`, async () => {
    await using dir = await tempDir();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(import.meta.dirname!, "_interrupted_update.ts"), dir.path, pause],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    const stateDir = join(dir.path, "state");
    const repair = () => repairUpdate({ stateDir, fs: denoFs, files: denoBinaryFiles });
    try {
      assert.equal((await reader.read()).value?.trim(), "paused");
      assert.deepEqual(await repair(), { kind: "busy" }, "never touches a running update");
      assert.equal(await exists(journalPath(stateDir)), true);
      child.kill("SIGKILL");
      await child.status;
      const outcome = await waitFor(async () => {
        const o = await repair();
        return o.kind === "busy" ? undefined : o;
      }, { what: "the dead update's lock to be released", timeoutMs: 5_000 });
      assert.deepEqual(outcome, KILLED[pause]);
      assert.equal(
        await Deno.readTextFile(join(dir.path, "bin", "forge")),
        `forge ${KILLED[pause].installed}`,
      );
      assert.deepEqual((await denoFs.readDir(join(dir.path, "bin"))).map((e) => e.name), ["forge"]);
      assert.equal(await exists(journalPath(stateDir)), false);
    } finally {
      await reader.cancel().catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
    }
  });
}
