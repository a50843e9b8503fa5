/**
 * The release's files: one compiled binary per target, named `forge-<target>[.exe]`, their sizes
 * and SHA-256 digests, and the `SHA256SUMS` file humans check them with (`sha256sum -c`).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { NotFoundError, UsageError, VerificationError } from "../src/domain/mod.ts";
import { TARGETS } from "../src/update/manifest_schema.ts";

/** One target's binary, measured. */
export interface Artifact {
  readonly target: string;
  /** File name, also the asset name on the release page. */
  readonly name: string;
  readonly path: string;
  readonly size: number;
  /** Lowercase hex. */
  readonly sha256: string;
}

/**
 * The file name of a target's binary.
 *
 * @param target a target triple
 * @returns `forge-<target>`, with `.exe` on Windows
 */
export function artifactName(target: string): string {
  return `forge-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/**
 * Streams a file through SHA-256.
 *
 * @param path the file
 * @returns its size in bytes and lowercase hex digest
 */
export async function measureFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  using file = await Deno.open(path, { read: true });
  for await (const chunk of file.readable) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { size, sha256: hash.digest("hex") };
}

/**
 * Finds and measures the binary of every target in a directory.
 *
 * @param dir where `deno task compile` put them (usually `dist/`)
 * @returns one artifact per target, in `TARGETS` order
 * @throws {NotFoundError} naming every missing target at once
 * @throws {UsageError} when a binary is empty
 */
export async function collectArtifacts(dir: string): Promise<readonly Artifact[]> {
  const found: Artifact[] = [];
  const missing: string[] = [];
  for (const target of TARGETS) {
    const name = artifactName(target);
    const path = join(dir, name);
    const info = await Deno.stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile) {
      missing.push(`${target} (${path})`);
      continue;
    }
    found.push({ target, name, path, ...await measureFile(path) });
  }
  if (missing.length > 0) {
    throw new NotFoundError(
      `Cannot release from "${dir}": no binary for ${missing.length} of ${TARGETS.length} ` +
        `targets: ${missing.join(", ")}`,
      { hint: "build each with: deno task compile --target <target> --output <dir>/<name>" },
    );
  }
  const empty = found.filter((a) => a.size === 0).map((a) => a.path);
  if (empty.length > 0) {
    throw new UsageError(`Cannot release empty binaries: ${empty.join(", ")}`);
  }
  return found;
}

/**
 * Renders `SHA256SUMS` in GNU text form, one `<hex>  <name>` line per artifact.
 *
 * @param artifacts the measured binaries
 * @returns the file's text, ending in a newline
 */
export function sha256sums(artifacts: readonly Artifact[]): string {
  return artifacts.map((a) => `${a.sha256}  ${a.name}\n`).join("");
}

const GNU_LINE = /^([0-9a-fA-F]{64}) [ *](.+)$/;
const BSD_LINE = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/;

/**
 * Parses a `SHA256SUMS` file: GNU text or binary mode (`*name`), BSD form, CRLF line endings.
 *
 * @param text the file's contents
 * @returns file name → lowercase hex digest
 * @throws {VerificationError} on a line of neither form or a name listed twice
 */
export function parseSha256sums(text: string): ReadonlyMap<string, string> {
  const sums = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const gnu = GNU_LINE.exec(line);
    const bsd = gnu === null ? BSD_LINE.exec(line) : null;
    const name = gnu?.[2] ?? bsd?.[1];
    const hex = gnu?.[1] ?? bsd?.[2];
    if (name === undefined || hex === undefined) {
      throw new VerificationError(`Cannot read SHA256SUMS line ${index + 1}: "${line}"`);
    }
    if (sums.has(name)) {
      throw new VerificationError(`Cannot read SHA256SUMS: "${name}" is listed twice`);
    }
    sums.set(name, hex.toLowerCase());
  }
  return sums;
}
