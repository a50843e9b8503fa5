/**
 * @module
 * The composition root: parses arguments, wires platform implementations into features, runs
 * one command and decides the exit code. The only unit besides `platform/` that calls Deno APIs.
 */
export { runCli } from "./run_cli.ts";
export type { CliIo } from "./run_cli.ts";
