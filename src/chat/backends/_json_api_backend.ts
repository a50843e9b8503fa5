/**
 * What the HTTP backends share: each request resolves the key afresh (a rotated key is picked up,
 * a missing one named), posts JSON with the time limit and retries of the chat settings, and
 * reads the reply. Each API brings its own headers, body and reply reader.
 */
import type { ChatSettings } from "../../domain/mod.ts";
import type { BackendReply, BackendRequest, ChatBackend } from "../chat_types.ts";
import type { BackendDeps } from "./backend_deps.ts";
import type { ApiTarget } from "./_http_errors.ts";
import { postJson } from "./_http_retry.ts";
import { resolveApiKey } from "./_secret_setting.ts";

/** One JSON API, as a backend speaks it. */
export interface JsonApi {
  /** The backend's name (`openai (llama3.1)`). */
  readonly name: string;
  readonly target: ApiTarget;
  readonly settings: Pick<ChatSettings, "api_key" | "timeout_seconds" | "max_retries">;
  /** Headers besides the JSON ones, given the resolved key (undefined: none configured). */
  readonly headers: (key: string | undefined) => Readonly<Record<string, string>>;
  /** The request body. */
  readonly body: (request: BackendRequest) => unknown;
  /** Reads the parsed reply; throws a ChatBackendError when it cannot. */
  readonly read: (json: unknown, target: ApiTarget) => BackendReply;
}

/**
 * Makes a backend that asks a JSON API over HTTP.
 *
 * @param api the API's name, target, settings, headers, body and reply reader
 * @param deps fetch, secrets, sleep, random and clock
 * @returns the backend
 */
export function jsonApiBackend(api: JsonApi, deps: BackendDeps): ChatBackend {
  return {
    name: api.name,
    ask: async (request, signal) => {
      const key = await resolveApiKey(api.settings.api_key, deps.secrets);
      const json = await postJson({
        target: api.target,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...api.headers(key),
        },
        body: api.body(request),
        timeoutSeconds: api.settings.timeout_seconds,
        maxRetries: api.settings.max_retries,
        signal,
      }, deps);
      return api.read(json, api.target);
    },
  };
}
