/**
 * FORGE's entry point: run the CLI and exit with its code. Nothing else happens at the top level.
 */
import { runCli } from "./src/cli/mod.ts";

Deno.exit(await runCli(Deno.args));
