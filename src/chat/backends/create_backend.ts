/**
 * Picks and builds the chat backend `chat.backend` names, after cheap checks that catch
 * settings that cannot work (the schema checks most; this also guards settings built in code).
 * Nothing is contacted and no secret is read here: that happens per request.
 */
import { type ChatSettings, findSecretRefs, ForgeError } from "../../domain/mod.ts";
import type { ChatBackend } from "../chat_types.ts";
import { splitCommandLine } from "../validate_backend.ts";
import { anthropicBackend } from "./anthropic_backend.ts";
import type { BackendDeps } from "./backend_deps.ts";
import { commandBackend } from "./command_backend.ts";
import { openAiBackend } from "./openai_backend.ts";

/**
 * Builds the configured chat backend.
 *
 * @param settings the `chat:` section
 * @param deps processes, fetch, secret lookup, clock, random, sleep and working directory
 * @returns the backend, or undefined for `backend: none`
 * @throws {ForgeError} code CONFIG_INVALID when the settings cannot work (the message names the
 *   setting; a key given in place of a reference is never quoted)
 */
export function createBackend(
  settings: ChatSettings,
  deps: BackendDeps,
): ChatBackend | undefined {
  const backend = settings.backend;
  switch (backend) {
    case "none":
      return undefined;
    case "command":
      checkLimits(settings);
      if (splitCommandLine(settings.command ?? "").length === 0) {
        throw invalid(
          backend,
          "chat.command is empty",
          "set chat.command to the backend's command line",
        );
      }
      return commandBackend(settings, deps);
    case "openai":
    case "anthropic":
      checkLimits(settings);
      checkHttp(settings, backend);
      return backend === "openai"
        ? openAiBackend(settings, deps)
        : anthropicBackend(settings, deps);
    default: {
      const unknown: never = backend;
      throw invalid(
        String(unknown),
        "it is not a known backend",
        "use none, command, openai or anthropic",
      );
    }
  }
}

function invalid(backend: string, why: string, hint: string): ForgeError {
  return new ForgeError("CONFIG_INVALID", `Cannot use chat backend "${backend}": ${why}`, { hint });
}

function checkLimits(settings: ChatSettings): void {
  const { timeout_seconds: timeout, max_retries: retries, max_tokens: tokens } = settings;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw invalid(
      settings.backend,
      `chat.timeout_seconds is ${timeout}`,
      "give a positive number of seconds, e.g. 30",
    );
  }
  if (!Number.isInteger(retries) || retries < 0) {
    throw invalid(
      settings.backend,
      `chat.max_retries is ${retries}`,
      "give a whole number from 0, e.g. 3",
    );
  }
  if (!Number.isInteger(tokens) || tokens < 1) {
    throw invalid(
      settings.backend,
      `chat.max_tokens is ${tokens}`,
      "give a whole number from 1, e.g. 1024",
    );
  }
}

function checkHttp(settings: ChatSettings, backend: "openai" | "anthropic"): void {
  const example = backend === "openai" ? "${env:OPENAI_API_KEY}" : "${env:ANTHROPIC_API_KEY}";
  if (settings.model === undefined || settings.model.trim() === "") {
    throw invalid(
      backend,
      "chat.model is not set",
      backend === "openai"
        ? "set chat.model, e.g. gpt-4o-mini, or llama3.1 on Ollama"
        : "set chat.model, e.g. claude-sonnet-4-5",
    );
  }
  if (settings.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(settings.url);
    } catch { /* reported below */ }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw invalid(
        backend,
        "chat.url is not an http or https URL",
        "set chat.url to the API's base URL",
      );
    }
    if (url.username !== "" || url.password !== "") {
      throw invalid(
        backend,
        "chat.url holds credentials",
        `remove them and set chat.api_key to ${example}`,
      );
    }
  }
  const key = settings.api_key;
  if (key !== undefined) {
    const refs = findSecretRefs(key);
    if (refs.length !== 1 || refs[0]?.text !== key.trim()) {
      throw invalid(
        backend,
        "chat.api_key must be a reference, not the key itself",
        `set chat.api_key to ${example} (or \${keychain:service/account})`,
      );
    }
  } else if (settings.url === undefined) {
    throw invalid(
      backend,
      `chat.api_key is not set, and ${
        backend === "openai" ? "OpenAI" : "Anthropic"
      }'s API needs a key`,
      `set chat.api_key to ${example}`,
    );
  }
}
