/**
 * Decides which tool owns a workspace's beads:
 *
 * 1. `FORGE_BEAD_STORE` (`br`, `bd`, `bead` or `jsonl`) when set: an explicit choice wins.
 * 2. A bead-rs checkpoint (`.beads/checkpoint/current.json`) → `bead`. Only bead-rs may write it,
 *    so this holds even when `bead` is missing (the store then says to install it).
 * 3. bd's Dolt era (`metadata.json` `backend: "dolt"`, `.beads/dolt/` or `.beads/embeddeddolt/`)
 *    → `bd`: its JSONL is only an optional, throttled export, so editing it would be lost.
 * 4. A SQLite store (`.beads/beads.db`) with `br` or `bd` on PATH → that CLI (both auto-import
 *    the JSONL): `bd` when its runtime files (`bd.sock`, `daemon.pid`, `last-touched`,
 *    `.local_version`) show it owns the workspace and it is installed, else `br` when
 *    installed, else `bd` when installed.
 * 5. Otherwise → the built-in `jsonl` store, which edits `.beads/issues.jsonl` itself.
 */
import { join } from "node:path";
import type { BeadStoreKind, Env, FileSystem } from "../domain/mod.ts";
import { UsageError } from "../domain/mod.ts";
import { isRecord } from "./_fields.ts";
import { findOnPath } from "./_find_on_path.ts";
import { resolveBeadsDir } from "./discover_bead_source.ts";

/** The chosen store and why. */
export interface BeadStoreChoice {
  readonly kind: BeadStoreKind;
  /** The tool's absolute path when found on PATH (CLI stores only). */
  readonly command: string | undefined;
  /** The `.beads` directory (after any redirect); the claim lock lives here. */
  readonly beadsDir: string;
  /** One line saying why, for `forge doctor` and debug logs. */
  readonly reason: string;
}

const KINDS: readonly BeadStoreKind[] = ["br", "bd", "bead", "jsonl"];
const BD_RUNTIME_FILES = ["bd.sock", "daemon.pid", "last-touched", ".local_version"];

/**
 * Detects the store of a workspace.
 *
 * @param workspace the workspace directory
 * @param options file access and the environment (PATH, FORGE_BEAD_STORE)
 * @returns the choice
 * @throws {UsageError} when FORGE_BEAD_STORE names no known store
 */
export async function detectBeadStore(
  workspace: string,
  options: { readonly fs: FileSystem; readonly env: Env },
): Promise<BeadStoreChoice> {
  const { fs, env } = options;
  const beadsDir = (await resolveBeadsDir(workspace, options)).path;
  const has = async (name: string) => (await fs.stat(join(beadsDir, name))) !== undefined;
  const choose = async (kind: BeadStoreKind, reason: string): Promise<BeadStoreChoice> => ({
    kind,
    command: kind === "jsonl" ? undefined : await findOnPath(kind, options),
    beadsDir,
    reason,
  });
  const forced = forcedKind(env);
  if (forced !== undefined) return await choose(forced, "FORGE_BEAD_STORE");
  if (await has("checkpoint/current.json")) return await choose("bead", "bead-rs checkpoint");
  if ((await usesDolt(fs, beadsDir)) || (await has("dolt")) || (await has("embeddeddolt"))) {
    return await choose("bd", "bd Dolt store");
  }
  if (await has("beads.db")) {
    const br = await findOnPath("br", options);
    const bd = await findOnPath("bd", options);
    const bdRuntime = (await Promise.all(BD_RUNTIME_FILES.map(has))).some((x) => x);
    if (bd !== undefined && (bdRuntime || br === undefined)) {
      return { kind: "bd", command: bd, beadsDir, reason: "SQLite store, bd installed" };
    }
    if (br !== undefined) {
      return { kind: "br", command: br, beadsDir, reason: "SQLite store, br installed" };
    }
    return await choose("jsonl", "SQLite store but neither br nor bd on PATH");
  }
  return await choose("jsonl", "no beads CLI store");
}

function forcedKind(env: Env): BeadStoreKind | undefined {
  const forced = env.get("FORGE_BEAD_STORE");
  if (forced === undefined || forced === "") return undefined;
  if ((KINDS as readonly string[]).includes(forced)) return forced as BeadStoreKind;
  throw new UsageError(`Cannot use bead store "${forced}": it is not one of ${KINDS.join(", ")}`, {
    hint: "Set FORGE_BEAD_STORE to br, bd, bead or jsonl, or unset it to detect the store.",
  });
}

async function usesDolt(fs: FileSystem, beadsDir: string): Promise<boolean> {
  try {
    const metadata: unknown = JSON.parse(await fs.readTextFile(join(beadsDir, "metadata.json")));
    return isRecord(metadata) && metadata["backend"] === "dolt";
  } catch {
    return false;
  }
}
