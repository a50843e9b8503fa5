/**
 * An in-memory FileSystem (and BinaryFiles) for the paths a test cannot take for real here:
 * Windows renames refused with "Access is denied (os error 5)", read-only directories for root.
 */
import type {
  BinaryFiles,
  DirEntry,
  FileChunk,
  FileInfo,
  FileSystem,
  NewFile,
} from "../../src/domain/mod.ts";

/** An error shaped like the platform's. */
export function osError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Windows' answer while another process or a scanner holds the file. */
export function accessDenied(op: string): Error {
  return osError("EACCES", `Access is denied. (os error 5): ${op}`);
}

/** Decides whether a rename fails: return an error to throw, or undefined to let it happen. */
export type RenameRule = (from: string, to: string) => Error | undefined;

/** Files as a map from path to content; directories are implied. */
export class FakeFs implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  /** Symlinks: link path to the path it points at. */
  readonly links = new Map<string, string>();
  readonly renames: string[] = [];
  renameRule: RenameRule = () => undefined;

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [path, text] of Object.entries(initial)) this.put(path, text);
  }

  put(path: string, text: string): void {
    this.files.set(path, new TextEncoder().encode(text));
  }

  text(path: string): string | undefined {
    const bytes = this.files.get(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  #info(path: string): FileInfo | undefined {
    const bytes = this.files.get(path);
    if (bytes !== undefined) {
      return { kind: "file", size: bytes.length, mtimeMs: 0, ino: undefined, mode: 0o755 };
    }
    const isDir = [...this.files.keys()].some((p) => p.startsWith(`${path}/`));
    return isDir
      ? { kind: "directory", size: 0, mtimeMs: 0, ino: undefined, mode: 0o755 }
      : undefined;
  }

  /** Follows symlinks to the final path. */
  resolve(path: string): string {
    let at = path;
    for (let hops = 0; this.links.has(at) && hops < 40; hops++) at = this.links.get(at)!;
    return at;
  }

  stat(path: string): Promise<FileInfo | undefined> {
    return Promise.resolve(this.#info(this.resolve(path)));
  }
  lstat(path: string): Promise<FileInfo | undefined> {
    if (this.links.has(path)) {
      return Promise.resolve({ kind: "symlink", size: 0, mtimeMs: 0, ino: undefined, mode: 0o777 });
    }
    return Promise.resolve(this.#info(path));
  }
  readTextFile(path: string): Promise<string> {
    const text = this.text(path);
    return text === undefined
      ? Promise.reject(osError("ENOENT", `not found: ${path}`))
      : Promise.resolve(text);
  }
  async readFile(path: string): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.readTextFile(path));
  }
  readChunk(path: string, offset: number, maxBytes: number): Promise<FileChunk> {
    const bytes = this.files.get(path);
    if (bytes === undefined) return Promise.reject(osError("ENOENT", `not found: ${path}`));
    const part = bytes.subarray(offset, offset + maxBytes);
    return Promise.resolve({ bytes: part, ino: undefined, size: bytes.length });
  }
  readDir(path: string): Promise<readonly DirEntry[]> {
    const names = new Set<string>();
    for (const p of this.files.keys()) {
      if (p.startsWith(`${path}/`)) names.add(p.slice(path.length + 1).split("/")[0]!);
    }
    return Promise.resolve([...names].sort().map((name) => ({ name, kind: "file" as const })));
  }
  writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
    this.files.set(path, typeof data === "string" ? new TextEncoder().encode(data) : data);
    return Promise.resolve();
  }
  writeTextFile(path: string, text: string): Promise<void> {
    return this.writeFileAtomic(path, text);
  }
  mkdirp(): Promise<void> {
    return Promise.resolve();
  }
  remove(path: string): Promise<void> {
    this.files.delete(path);
    return Promise.resolve();
  }
  rename(from: string, to: string): Promise<void> {
    const refused = this.renameRule(from, to);
    this.renames.push(`${from} -> ${to}${refused === undefined ? "" : " (refused)"}`);
    if (refused !== undefined) return Promise.reject(refused);
    const bytes = this.files.get(from);
    if (bytes === undefined) return Promise.reject(osError("ENOENT", `not found: ${from}`));
    this.files.delete(from);
    this.files.set(to, bytes);
    return Promise.resolve();
  }
  chmod(): Promise<void> {
    return Promise.resolve();
  }
  makeTempDir(): Promise<string> {
    return Promise.reject(new Error("not used"));
  }
  lock(): Promise<never> {
    return Promise.reject(new Error("not used"));
  }
}

/** BinaryFiles over a FakeFs; `createRule` may refuse creating a file (e.g. EACCES). */
export function fakeBinaryFiles(
  fs: FakeFs,
  options: {
    readonly createRule?: (path: string) => Error | undefined;
    readonly ownerUid?: number;
    readonly uid?: number;
    readonly nlink?: number;
  } = {},
): BinaryFiles {
  return {
    realPath: (path) => Promise.resolve(fs.resolve(path)),
    createNew(path): Promise<NewFile> {
      const refused = options.createRule?.(path);
      if (refused !== undefined) return Promise.reject(refused);
      if (fs.files.has(path)) return Promise.reject(osError("EEXIST", `File exists: ${path}`));
      fs.files.set(path, new Uint8Array());
      return Promise.resolve({
        write(bytes) {
          const old = fs.files.get(path) ?? new Uint8Array();
          const all = new Uint8Array(old.length + bytes.length);
          all.set(old);
          all.set(bytes, old.length);
          fs.files.set(path, all);
          return Promise.resolve();
        },
        sync: () => Promise.resolve(),
        close() {},
      });
    },
    syncDir: () => Promise.resolve(false),
    tryLock: () => Promise.resolve(undefined),
    ownership: (path) =>
      Promise.resolve(
        fs.files.has(path) || [...fs.files.keys()].some((p) => p.startsWith(`${path}/`))
          ? { uid: options.ownerUid ?? 0, gid: 0, nlink: options.nlink ?? 1 }
          : undefined,
      ),
    uid: () => options.uid ?? 1000,
    chown: () => Promise.resolve(false),
  };
}
