/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runConfigShow(_ctx: CliContext): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
export function runConfigValidate(
  _ctx: CliContext,
  _i: { path: string | undefined },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
export function runConfigPath(_ctx: CliContext): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
