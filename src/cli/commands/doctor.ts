/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runDoctor(_ctx: CliContext): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
