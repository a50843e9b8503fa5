/**
 * The one place that turns failures into exit codes (adr/0014-error-handling.md):
 * 0 ok, 1 failure, 2 usage, 3 not found, 4 verification refused.
 */
import { ForgeError } from "../domain/mod.ts";

/** Exit codes FORGE documents. */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, refused: 4 } as const;

/**
 * Chooses the exit code for an error.
 *
 * @param error anything thrown by a command
 * @returns the exit code
 */
export function exitCodeFor(error: unknown): number {
  if (!(error instanceof ForgeError)) return EXIT.failure;
  switch (error.code) {
    case "USAGE":
      return EXIT.usage;
    case "NOT_FOUND":
      return EXIT.notFound;
    case "VERIFICATION":
      return EXIT.refused;
    default:
      return EXIT.failure;
  }
}
