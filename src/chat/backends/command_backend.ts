/**
 * The command backend: runs `chat.command` once per request, writes the protocol's request
 * (`{message, context, tools, history}`) as one JSON object on its stdin and reads the reply from
 * its stdout. No retries: a command that failed once usually fails the same way again.
 */
import type { ChatSettings, RunResult } from "../../domain/mod.ts";
import {
  type BackendReply,
  type BackendRequest,
  type ChatBackend,
  ChatBackendError,
} from "../chat_types.ts";
import { splitCommandLine } from "../validate_backend.ts";
import type { BackendDeps } from "./backend_deps.ts";
import { findJsonObject, parseCommandReply, quote } from "./read_reply.ts";
import { resolveSecretSetting } from "./_secret_setting.ts";
import { formatSeconds } from "./_seconds.ts";

/** Settings the command backend reads. */
export type CommandSettings = Pick<ChatSettings, "command" | "args" | "env" | "timeout_seconds">;

/** Most bytes of a reply kept (more is not a chat answer). */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Makes the command backend.
 *
 * @param settings `chat.command`, `chat.args`, `chat.env`, `chat.timeout_seconds`
 * @param deps processes, secret lookup and working directory
 * @returns the backend
 * @throws {ChatBackendError} when `chat.command` is empty
 */
export function commandBackend(
  settings: CommandSettings,
  deps: Pick<BackendDeps, "processes" | "secrets" | "cwd">,
): ChatBackend {
  const [exe, ...words] = splitCommandLine(settings.command ?? "");
  if (exe === undefined) {
    throw new ChatBackendError(
      "the chat backend has no command: chat.command is empty; set it to the backend's command line",
      { transient: false },
    );
  }
  const args = [...words, ...settings.args];
  return {
    name: "command",
    ask: async (request, signal) => {
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(settings.env)) {
        env[name] = await resolveSecretSetting(value, {
          setting: `chat.env.${name}`,
          secrets: deps.secrets,
        });
      }
      const result = await deps.processes.run(exe, args, {
        stdin: JSON.stringify(protocolRequest(request)),
        timeoutMs: settings.timeout_seconds * 1000,
        env,
        maxOutputBytes: MAX_OUTPUT_BYTES,
        ...(deps.cwd === undefined ? {} : { cwd: deps.cwd }),
        ...(signal === undefined ? {} : { signal }),
      });
      if (signal?.aborted) throw signal.reason;
      return readResult(result, { exe, timeoutSeconds: settings.timeout_seconds });
    },
  };
}

function protocolRequest(request: BackendRequest) {
  return {
    message: request.message,
    context: request.context,
    tools: request.tools,
    history: request.history,
  };
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop()?.trim() ?? "";
}

function readResult(
  result: RunResult,
  options: { readonly exe: string; readonly timeoutSeconds: number },
): BackendReply {
  const exe = quote(options.exe, 120);
  if (result.timedOut) {
    throw new ChatBackendError(
      `the chat backend gave no answer within ${formatSeconds(options.timeoutSeconds)}; ` +
        `"${exe}" was stopped: try again, check it with forge validate backend, ` +
        "or raise chat.timeout_seconds",
      { transient: true },
    );
  }
  if (result.code === 127) {
    const why = lastLine(result.stderr);
    throw new ChatBackendError(
      `the chat backend command "${exe}" was not found${why === "" ? "" : ` (${quote(why)})`}; ` +
        "fix chat.command (a command on PATH or an absolute path)",
      { transient: false },
    );
  }
  if (result.code !== 0) {
    const reported = findJsonObject(result.stdout)?.["error"];
    const why = typeof reported === "string" ? reported : lastLine(result.stderr);
    throw new ChatBackendError(
      `the chat backend "${exe}" exited with code ${result.code}${
        why === "" ? "" : ` (${quote(why, 200)})`
      }; fix the backend, or check it with forge validate backend`,
      { transient: false },
    );
  }
  return parseCommandReply(result.stdout);
}
