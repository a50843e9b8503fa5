import assert from "node:assert/strict";
import { join } from "node:path";
import { denoBinaryFiles } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";

Deno.test("denoBinaryFiles.createNew() writes a new file with its mode and refuses an existing one", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, ".forge.1.5.0.ab12.tmp");
  const file = await denoBinaryFiles.createNew(path, 0o700);
  await file.write(new TextEncoder().encode("forge "));
  await file.write(new TextEncoder().encode("1.5.0"));
  await file.sync();
  file.close();
  file.close();
  assert.equal(await Deno.readTextFile(path), "forge 1.5.0");
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o700);
  await assert.rejects(denoBinaryFiles.createNew(path, 0o700), (error: unknown) => {
    assert.equal((error as { code?: string }).code, "EEXIST");
    return true;
  });
  assert.equal(await Deno.readTextFile(path), "forge 1.5.0", "the existing file is untouched");
});

Deno.test("denoBinaryFiles.syncDir() syncs a directory and reports false where it cannot", async () => {
  await using dir = await tempDir();
  assert.equal(await denoBinaryFiles.syncDir(dir.path), true);
  assert.equal(await denoBinaryFiles.syncDir(join(dir.path, "missing")), false);
});

Deno.test("denoBinaryFiles.tryLock() is exclusive, keeps its inode when written, and frees on release", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "update.lock");
  const first = await denoBinaryFiles.tryLock(path);
  assert.ok(first);
  const ino = (await Deno.stat(path)).ino;
  await first.writeContent('{"pid":1,"note":"a longer first record"}\n');
  await first.writeContent('{"pid":2}\n');
  assert.equal(await Deno.readTextFile(path), '{"pid":2}\n', "replaced, not appended");
  assert.equal((await Deno.stat(path)).ino, ino, "same inode, so the lock still means something");
  assert.equal(await denoBinaryFiles.tryLock(path), undefined, "a second holder is refused");
  await first.release();
  await first.release();
  assert.equal(await Deno.readTextFile(path), "", "emptied on release");
  const second = await denoBinaryFiles.tryLock(path);
  assert.ok(second);
  await second.release();
});

Deno.test("denoBinaryFiles.tryLock() contends with flock(1) and is free once the holder is killed", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "update.lock");
  const holder = new Deno.Command("flock", {
    args: ["-x", path, "sleep", "30"],
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  // flock(1) passes the locked descriptor to its child, so the whole group dies together.
  const killGroup = () => {
    try {
      Deno.kill(-holder.pid, "SIGKILL");
    } catch { /* already gone */ }
  };
  try {
    await waitFor(async () => {
      const probe = await denoBinaryFiles.tryLock(path);
      await probe?.release();
      return probe === undefined;
    }, { what: "flock(1) to take the lock" });
    killGroup();
    await holder.status;
    const taken = await waitFor(() => denoBinaryFiles.tryLock(path), {
      what: "the OS to release the dead holders' lock",
      timeoutMs: 5_000,
    });
    await taken.release();
  } finally {
    killGroup();
    await holder.status;
  }
});

Deno.test("denoBinaryFiles resolves link chains and reports ownership and hard links", async () => {
  await using dir = await tempDir();
  const real = join(dir.path, "forge");
  await Deno.writeTextFile(real, "x");
  await Deno.symlink(real, join(dir.path, "b"));
  await Deno.symlink(join(dir.path, "b"), join(dir.path, "a"));
  assert.equal(await denoBinaryFiles.realPath(join(dir.path, "a")), await Deno.realPath(real));
  await Deno.link(real, join(dir.path, "hard"));
  const owner = await denoBinaryFiles.ownership(join(dir.path, "a"));
  assert.deepEqual(owner, { uid: Deno.uid(), gid: Deno.gid(), nlink: 2 });
  assert.equal(denoBinaryFiles.uid(), Deno.uid());
  assert.equal(await denoBinaryFiles.ownership(join(dir.path, "missing")), undefined);
  await assert.rejects(denoBinaryFiles.realPath(join(dir.path, "missing")));
});

Deno.test("denoBinaryFiles.chown() changes the owner where allowed and says false otherwise", async () => {
  await using dir = await tempDir();
  const path = join(dir.path, "forge");
  await Deno.writeTextFile(path, "x");
  assert.equal(await denoBinaryFiles.chown(join(dir.path, "missing"), 1000, 1000), false);
  const changed = await denoBinaryFiles.chown(path, 1000, 1000);
  assert.equal(changed, Deno.uid() === 0, "only root may give a file away");
  if (changed) assert.equal((await Deno.stat(path)).uid, 1000);
});
