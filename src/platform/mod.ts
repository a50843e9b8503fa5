/**
 * @module
 * The platform layer: the only code outside `cli/` that calls Deno APIs. Each export implements
 * a port from `domain/` (or reports a runtime fact) so features stay testable with fakes.
 */
export { denoFs } from "./deno_fs.ts";
export { denoProcesses } from "./deno_processes.ts";
export { denoBinaryFiles } from "./deno_binary_files.ts";
export { denoEnv, envFrom, runtimeInfo, systemClock, systemRandom } from "./system.ts";
export type { RuntimeInfo } from "./system.ts";
export { createSecretLookup } from "./keychain.ts";
export { watchPaths } from "./watch_paths.ts";
export { createTerminal } from "./terminal.ts";
export { serveHttp } from "./serve_http.ts";
export type { HttpClient, HttpHandler, HttpServer, ServeOptions } from "./serve_http.ts";
