/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runPauseResume(
  _ctx: CliContext,
  _i: {
    verb: "pause" | "resume";
    ids: string[];
    all: boolean;
    hard: boolean;
    reason: string | undefined;
  },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
