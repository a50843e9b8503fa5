/**
 * Hashing and copying binaries in bounded chunks (they are ~100 MB), never holding a whole file.
 */
import { createHash } from "node:crypto";
import type { BinaryFiles, FileSystem } from "../domain/mod.ts";

/** Bytes read per step. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Computes the SHA-256 of a file.
 *
 * @param fs file access
 * @param path the file
 * @returns lowercase hex digest
 * @throws the platform's error when the file cannot be read
 */
export async function sha256OfFile(fs: FileSystem, path: string): Promise<string> {
  const hash = createHash("sha256");
  for (let offset = 0;;) {
    const chunk = await fs.readChunk(path, offset, CHUNK_BYTES);
    if (chunk.bytes.length === 0) break;
    hash.update(chunk.bytes);
    offset += chunk.bytes.length;
  }
  return hash.digest("hex");
}

/** Where and how to copy. */
export interface CopyHashedOptions {
  readonly fs: FileSystem;
  readonly files: BinaryFiles;
  readonly from: string;
  /** Must not exist yet. */
  readonly to: string;
  readonly mode: number;
}

/**
 * Copies a file into a new file, hashing on the way, then fsyncs the copy. On failure the
 * partial copy is removed (but a file that already existed at `to` is never touched).
 *
 * @param options source, destination and mode
 * @returns SHA-256 (hex) of the bytes written
 * @throws the platform's error from reading, creating or writing
 */
export async function copyFileHashed(options: CopyHashedOptions): Promise<string> {
  const { fs, files, from, to } = options;
  const out = await files.createNew(to, options.mode);
  const hash = createHash("sha256");
  try {
    for (let offset = 0;;) {
      const chunk = await fs.readChunk(from, offset, CHUNK_BYTES);
      if (chunk.bytes.length === 0) break;
      hash.update(chunk.bytes);
      await out.write(chunk.bytes);
      offset += chunk.bytes.length;
    }
    await out.sync();
    out.close();
  } catch (error) {
    out.close();
    await fs.remove(to).catch(() => {});
    throw error;
  }
  return hash.digest("hex");
}
