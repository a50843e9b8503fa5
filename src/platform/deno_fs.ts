/**
 * The FileSystem port on Deno's file APIs.
 */
import { basename, dirname, join } from "node:path";
import type { DirEntry, FileChunk, FileInfo, FileSystem, WriteOptions } from "../domain/mod.ts";
import { ForgeError } from "../domain/mod.ts";

function toInfo(info: Deno.FileInfo): FileInfo {
  return {
    kind: info.isFile
      ? "file"
      : info.isDirectory
      ? "directory"
      : info.isSymlink
      ? "symlink"
      : "other",
    size: info.size,
    mtimeMs: info.mtime?.getTime(),
    ino: info.ino ?? undefined,
    mode: info.mode ?? undefined,
  };
}

async function statOrUndefined(
  call: (path: string) => Promise<Deno.FileInfo>,
  path: string,
): Promise<FileInfo | undefined> {
  try {
    return toInfo(await call(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return undefined;
    }
    throw error;
  }
}

let tempCounter = 0;

async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const temp = join(dirname(path), `.${basename(path)}.${Deno.pid}.${++tempCounter}.tmp`);
  const file = await Deno.open(temp, {
    write: true,
    createNew: true,
    mode: options.mode ?? 0o644,
  });
  try {
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } catch (error) {
    file.close();
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  file.close();
  if (options.mode !== undefined) await Deno.chmod(temp, options.mode);
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

async function readChunk(path: string, offset: number, maxBytes: number): Promise<FileChunk> {
  const file = await Deno.open(path, { read: true });
  try {
    const info = await file.stat();
    const available = Math.max(0, Math.min(maxBytes, info.size - offset));
    const bytes = new Uint8Array(available);
    if (available > 0) {
      await file.seek(offset, Deno.SeekMode.Start);
      let read = 0;
      while (read < available) {
        const n = await file.read(bytes.subarray(read));
        if (n === null) break;
        read += n;
      }
      return { bytes: bytes.subarray(0, read), ino: info.ino ?? undefined, size: info.size };
    }
    return { bytes, ino: info.ino ?? undefined, size: info.size };
  } finally {
    file.close();
  }
}

/** FileSystem backed by Deno. */
export const denoFs: FileSystem = {
  stat: (path) => statOrUndefined(Deno.stat, path),
  lstat: (path) => statOrUndefined(Deno.lstat, path),
  readTextFile: (path) => Deno.readTextFile(path),
  readFile: (path) => Deno.readFile(path),
  readChunk,
  async readDir(path) {
    const entries: DirEntry[] = [];
    try {
      for await (const e of Deno.readDir(path)) {
        entries.push({
          name: e.name,
          kind: e.isFile ? "file" : e.isDirectory ? "directory" : e.isSymlink ? "symlink" : "other",
        });
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  writeFileAtomic,
  async writeTextFile(path, text, options = {}) {
    await Deno.writeTextFile(path, text, {
      append: options.append ?? false,
      ...(options.mode === undefined ? {} : { mode: options.mode }),
    });
  },
  async mkdirp(path, mode) {
    await Deno.mkdir(path, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  },
  async remove(path, options = {}) {
    try {
      await Deno.remove(path, { recursive: options.recursive ?? false });
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  },
  rename: (from, to) => Deno.rename(from, to),
  chmod: (path, mode) => Deno.chmod(path, mode),
  makeTempDir: (prefix) => Deno.makeTempDir({ prefix }),
  async lock(path, options = {}) {
    const file = await Deno.open(path, { write: true, create: true });
    try {
      await waitForLock(file, path, options.timeoutMs ?? 10_000);
    } catch (error) {
      file.close();
      throw error;
    }
    return {
      async release() {
        await file.unlock().catch(() => {});
        file.close();
      },
    };
  },
};

/** Polls a non-blocking flock (a blocking one cannot be abandoned), 5 ms growing to 200 ms. */
async function waitForLock(file: Deno.FsFile, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 5; !(await file.tryLock(true)); pause = Math.min(pause * 2, 200)) {
    if (Date.now() >= deadline) {
      throw new ForgeError(
        "IO",
        `Cannot lock "${path}": another process has held it for over ${
          Math.round(timeoutMs / 1000)
        } s`,
        {
          hint:
            `find the holder with \`fuser ${path}\`; a worker stuck while holding it can be killed`,
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
