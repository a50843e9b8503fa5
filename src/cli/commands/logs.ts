/** Placeholder. */
import type { CliContext } from "../context.ts";
import { ForgeError } from "../../domain/mod.ts";
export function runLogs(
  _ctx: CliContext,
  _i: { worker: string; follow: boolean; lines: string; raw: boolean },
): Promise<number> {
  throw new ForgeError("INTERNAL", "not yet");
}
