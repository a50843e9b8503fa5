/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runSpawn(
  _ctx: CliContext,
  _i: {
    worker: string | undefined;
    launcher: string | undefined;
    model: string | undefined;
    count: string;
    workspace: string | undefined;
    bead: string | undefined;
  },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
