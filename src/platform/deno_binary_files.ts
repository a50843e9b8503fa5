/**
 * The BinaryFiles port on Deno's file APIs.
 */
import type { BinaryFiles, HeldLock, NewFile } from "../domain/mod.ts";

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

async function createNew(path: string, mode: number): Promise<NewFile> {
  const file = await Deno.open(path, { write: true, createNew: true, mode });
  let open = true;
  return {
    write: (bytes) => writeAll(file, bytes),
    sync: () => file.sync(),
    close() {
      if (!open) return;
      open = false;
      file.close();
    },
  };
}

async function syncDir(path: string): Promise<boolean> {
  // Linux and macOS fsync a directory opened read-only; Windows cannot open one at all.
  let dir: Deno.FsFile;
  try {
    dir = await Deno.open(path, { read: true });
  } catch {
    return false;
  }
  try {
    await dir.sync();
    return true;
  } catch {
    return false;
  } finally {
    dir.close();
  }
}

async function tryLock(path: string): Promise<HeldLock | undefined> {
  // Never truncate on open: the file holds the current holder's description.
  const file = await Deno.open(path, { read: true, write: true, create: true });
  let locked: boolean;
  try {
    locked = await file.tryLock(true);
  } catch (error) {
    file.close();
    throw error;
  }
  if (!locked) {
    file.close();
    return undefined;
  }
  let held = true;
  return {
    async writeContent(text) {
      await file.truncate(0);
      await file.seek(0, Deno.SeekMode.Start);
      await writeAll(file, new TextEncoder().encode(text));
    },
    async release() {
      if (!held) return;
      held = false;
      await file.truncate(0).catch(() => {});
      await file.unlock().catch(() => {});
      file.close();
    },
  };
}

/** BinaryFiles backed by Deno. */
export const denoBinaryFiles: BinaryFiles = {
  realPath: (path) => Deno.realPath(path),
  createNew,
  syncDir,
  tryLock,
  async ownership(path) {
    try {
      const info = await Deno.stat(path);
      return {
        uid: info.uid ?? undefined,
        gid: info.gid ?? undefined,
        nlink: info.nlink ?? undefined,
      };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  },
  uid: () => Deno.uid() ?? undefined,
  async chown(path, uid, gid) {
    try {
      await Deno.chown(path, uid, gid);
      return true;
    } catch {
      return false;
    }
  },
};
