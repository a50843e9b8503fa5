/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runInit(
  _ctx: CliContext,
  _i: { nonInteractive: boolean; force: boolean },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
