/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runWorkers(_ctx: CliContext, _i: { all: boolean }): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
