/**
 * @module
 * Conversational control: the chat backend protocol and its test harness.
 */
export { splitCommandLine, validateBackend } from "./validate_backend.ts";
export type { BackendCheck } from "./validate_backend.ts";
