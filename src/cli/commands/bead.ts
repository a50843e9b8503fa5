/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runBead(
  _ctx: CliContext,
  _i: {
    verb: "show" | "prompt" | "close" | "release";
    id: string;
    workspace: string | undefined;
    reason?: string | undefined;
  },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
