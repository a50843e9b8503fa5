/**
 * `forge doctor` on chat: which backend is configured and whether it can run (its command on
 * PATH, its key reference resolvable), and damaged lines of the chat history. The backend is
 * never contacted here (`forge validate backend` does that for a command).
 */
import { createBackend, readHistory, splitCommandLine } from "../../chat/mod.ts";
import { describeSecretRef, findSecretRefs } from "../../domain/mod.ts";
import { createSecretLookup, systemRandom } from "../../platform/mod.ts";
import type { CliContext } from "../context.ts";
import type { Finding } from "./_doctor_checks.ts";

/**
 * The chat findings.
 *
 * @param ctx the CLI context
 * @returns findings of the group `chat`
 */
export async function checkChat(ctx: CliContext): Promise<Finding[]> {
  const loaded = await ctx.config().catch(() => undefined);
  if (loaded === undefined) return [];
  const chat = loaded.config.chat;
  const found = (level: Finding["level"], name: string, detail: string): Finding => ({
    group: "chat",
    name,
    level,
    detail,
  });
  const findings: Finding[] = [];
  if (chat.backend === "none") {
    findings.push(found(
      "info",
      "backend",
      "none: the fast path answers the common requests; free-form ones need chat.backend",
    ));
  } else {
    const secrets = createSecretLookup(ctx.env, ctx.processes);
    try {
      const backend = createBackend(chat, {
        processes: ctx.processes,
        fetch: globalThis.fetch,
        secrets,
        clock: ctx.clock,
        random: systemRandom,
        sleep: (ms, signal) => ctx.clock.sleep(ms, signal),
        cwd: ctx.cwd,
      });
      findings.push(found("ok", "backend", backend?.name ?? chat.backend));
    } catch (error) {
      findings.push(found("error", "backend", (error as Error).message));
    }
    if (chat.backend === "command" && chat.command !== undefined) {
      const [exe = ""] = splitCommandLine(chat.command);
      const path = exe.includes("/") ? exe : await ctx.processes.which(exe);
      findings.push(
        path === undefined || (await ctx.fs.stat(path)) === undefined
          ? found("error", "command", `"${exe}" not found: fix chat.command`)
          : found("ok", "command", `${path} (check it with forge validate backend)`),
      );
    }
    for (const ref of findSecretRefs(chat.api_key ?? "")) {
      const value = await secrets(ref).catch(() => undefined);
      findings.push(
        value === undefined || value === ""
          ? found("error", "api key", `${describeSecretRef(ref)} has no value`)
          : found("ok", "api key", `from ${describeSecretRef(ref)}`),
      );
    }
  }
  const history = await readHistory(ctx.fs, ctx.layout.chatHistory, 1).catch(() => undefined);
  if (history !== undefined && history.skipped > 0) {
    findings.push(found(
      "warn",
      "history",
      `${ctx.layout.chatHistory}: ${history.skipped} damaged line${
        history.skipped === 1 ? "" : "s"
      } skipped`,
    ));
  }
  return findings;
}
