/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runValidate(
  _ctx: CliContext,
  _i: { surface: string; path: string },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
