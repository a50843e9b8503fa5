/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runKill(
  _ctx: CliContext,
  _i: { ids: string[]; all: boolean; yes: boolean },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
