/**
 * Fake `br`, `bd` and `bead` executables for the adapter tests: small bash scripts that record
 * their argv, keep each bead's status and assignee in files, print the JSON shapes of
 * spec/beads.md §3.3, and misbehave on demand through `FAKE_MODE`.
 */
import { join } from "node:path";
import type { Env } from "../../src/domain/mod.ts";
import { envFrom } from "../../src/platform/mod.ts";

/** The fake tool; one script serves as br, bd and bead (it reads its own name). */
const SCRIPT = new URL("./fake_beads_cli.sh", import.meta.url).pathname;

/** A directory of fake tools and the state they share. */
export interface FakeCli {
  /** The directory to put first on PATH. */
  readonly bin: string;
  readonly state: string;
  /** An environment with the fakes first on PATH and the given misbehaviour. */
  env(mode?: string): Env;
  /** Sets a bead's status and assignee. */
  setBead(id: string, status: string, assignee?: string): Promise<void>;
  /** Reads a bead's status and assignee back. */
  bead(id: string): Promise<{ status: string; assignee: string }>;
  /** Every call so far: [tool, ...args]. */
  calls(): Promise<string[][]>;
}

/**
 * Writes fake tools into `root`.
 *
 * @param root a temporary directory
 * @param tools which names to create
 * @returns the fake
 */
export async function fakeCli(
  root: string,
  tools: readonly string[] = ["br", "bd", "bead"],
): Promise<FakeCli> {
  const bin = join(root, "bin");
  const state = join(root, "state");
  await Deno.mkdir(bin, { recursive: true });
  await Deno.mkdir(state, { recursive: true });
  const script = await Deno.readTextFile(SCRIPT);
  for (const tool of tools) await Deno.writeTextFile(join(bin, tool), script, { mode: 0o755 });
  return {
    bin,
    state,
    env: (mode = "normal") =>
      envFrom({
        ...Deno.env.toObject(),
        PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        FAKE_STATE: state,
        FAKE_MODE: mode,
      }),
    async setBead(id, status, assignee = "") {
      await Deno.writeTextFile(join(state, `${id}.status`), status);
      await Deno.writeTextFile(join(state, `${id}.assignee`), assignee);
    },
    async bead(id) {
      const read = (name: string) => Deno.readTextFile(join(state, name)).catch(() => "");
      return { status: await read(`${id}.status`), assignee: await read(`${id}.assignee`) };
    },
    async calls() {
      const log = await Deno.readTextFile(join(state, "calls.log")).catch(() => "");
      return log.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
    },
  };
}
