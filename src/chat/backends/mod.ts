/**
 * @module
 * The chat backends: a command speaking the stdin/stdout protocol, an OpenAI-compatible API
 * (OpenAI, Ollama, llama.cpp, vLLM) and Anthropic's Messages API. `createBackend()` builds the
 * one `chat.backend` names; each answers a `BackendRequest` with a leniently read
 * `BackendReply`, or fails with one `ChatBackendError` sentence that never holds a key.
 */
export { createBackend } from "./create_backend.ts";
export type { BackendDeps } from "./backend_deps.ts";
export { commandBackend } from "./command_backend.ts";
export type { CommandSettings } from "./command_backend.ts";
export { OPENAI_URL, openAiBackend } from "./openai_backend.ts";
export type { OpenAiSettings } from "./openai_backend.ts";
export { ANTHROPIC_URL, ANTHROPIC_VERSION, anthropicBackend } from "./anthropic_backend.ts";
export type { AnthropicSettings } from "./anthropic_backend.ts";
export { findJsonObject, parseCommandReply } from "./read_reply.ts";
