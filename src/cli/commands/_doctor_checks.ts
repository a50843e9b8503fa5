/**
 * The checks of `forge doctor`, each independent, each turning into findings.
 */
import { join } from "node:path";
import type { SourceIssue } from "../../domain/mod.ts";
import { formatSourceIssue } from "../../domain/mod.ts";
import {
  BUILTIN_LAUNCHERS,
  installBuiltinLauncher,
  loadWorkerConfigs,
  readAllStatuses,
  summarizeLog,
} from "../../workers/mod.ts";
import type { CliContext } from "../context.ts";

/** One finding of the doctor. */
export interface Finding {
  readonly group: string;
  readonly name: string;
  readonly level: "ok" | "info" | "warn" | "error";
  readonly detail: string;
}

const TOOLS: readonly { name: string; why: string; level: "error" | "warn" | "info" }[] = [
  { name: "tmux", why: "workers run in tmux sessions", level: "error" },
  { name: "git", why: "agents commit their work with git", level: "warn" },
  { name: "br", why: "beads_rust CLI (optional: FORGE reads .beads/ itself)", level: "info" },
  { name: "bd", why: "beads CLI (optional)", level: "info" },
  { name: "bead", why: "bead-rs CLI (optional)", level: "info" },
  { name: "claude", why: "Claude Code agent", level: "info" },
  { name: "codex", why: "Codex agent", level: "info" },
  { name: "opencode", why: "OpenCode agent", level: "info" },
  { name: "aider", why: "Aider agent", level: "info" },
  { name: "gemini", why: "Gemini CLI agent", level: "info" },
];

/** Which tools are on PATH, with their versions. */
export async function checkTools(ctx: CliContext): Promise<Finding[]> {
  return await Promise.all(TOOLS.map(async (tool) => {
    const path = await ctx.processes.which(tool.name);
    if (path === undefined) {
      return {
        group: "tools",
        name: tool.name,
        level: tool.level,
        detail: `not found (${tool.why})`,
      };
    }
    const flag = tool.name === "tmux" ? "-V" : "--version";
    const r = await ctx.processes.run(path, [flag], { timeoutMs: 5_000, maxOutputBytes: 4096 });
    const version = (r.stdout.trim() || r.stderr.trim()).split("\n")[0] ?? "";
    return {
      group: "tools",
      name: tool.name,
      level: "ok",
      detail: `${path}${version === "" ? "" : ` (${version.slice(0, 60)})`}`,
    };
  }));
}

/** FORGE_HOME exists and can be written. */
export async function checkHome(ctx: CliContext): Promise<Finding[]> {
  const { ensureHome } = await import("../actions.ts");
  try {
    await ensureHome(ctx);
    return [{ group: "home", name: "FORGE_HOME", level: "ok", detail: `${ctx.home} is writable` }];
  } catch (error) {
    return [{
      group: "home",
      name: "FORGE_HOME",
      level: "error",
      detail: (error as Error).message,
    }];
  }
}

function issueFindings(group: string, issues: readonly SourceIssue[]): Finding[] {
  return issues.map((i) => ({
    group,
    name: i.severity,
    level: i.severity === "error" ? "error" : "warn",
    detail: formatSourceIssue(i),
  }));
}

/** The configuration loads; its warnings. */
export async function checkConfig(ctx: CliContext): Promise<Finding[]> {
  try {
    const loaded = await ctx.config();
    const files = loaded.files.map((f) => f.path).join(", ") || "none (defaults)";
    return [
      { group: "config", name: "config", level: "ok", detail: `valid; files: ${files}` },
      ...issueFindings("config", loaded.warnings),
    ];
  } catch (error) {
    const issues = (error as { issues?: SourceIssue[] }).issues ?? [];
    return [
      { group: "config", name: "config", level: "error", detail: (error as Error).message },
      ...issueFindings("config", issues),
    ];
  }
}

/** Worker configs validate; launchers resolve and are executable. */
export async function checkWorkers(ctx: CliContext): Promise<Finding[]> {
  const set = await loadWorkerConfigs(ctx);
  const findings: Finding[] = [{
    group: "workers",
    name: "worker configs",
    level: "ok",
    detail: [...set.entries.values()].map((e) =>
      `${e.config.name}${e.source === "home" ? " (FORGE_HOME)" : ""}`
    ).join(", "),
  }, ...issueFindings("workers", set.issues)];
  const installed: string[] = [];
  for (const name of BUILTIN_LAUNCHERS) {
    try {
      await installBuiltinLauncher(name, ctx);
      installed.push(name);
    } catch (error) {
      findings.push({
        group: "launchers",
        name,
        level: "error",
        detail: `cannot install the built-in launcher: ${(error as Error).message}`,
      });
    }
  }
  findings.push({
    group: "launchers",
    name: "built-in",
    level: "ok",
    detail: `${installed.join(", ")} in ${ctx.layout.builtinLaunchers}`,
  });
  for (const entry of await ctx.fs.readDir(ctx.layout.launchers)) {
    const info = await ctx.fs.stat(join(ctx.layout.launchers, entry.name));
    if (info?.kind !== "file") continue;
    const executable = info.mode === undefined || (info.mode & 0o111) !== 0;
    findings.push(
      executable ? { group: "launchers", name: entry.name, level: "ok", detail: "executable" } : {
        group: "launchers",
        name: entry.name,
        level: "error",
        detail: `not executable; chmod +x ${join(ctx.layout.launchers, entry.name)}`,
      },
    );
  }
  return findings;
}

/** Status files read; malformed log lines counted with samples. */
export async function checkFiles(ctx: CliContext): Promise<Finding[]> {
  const statuses = await readAllStatuses(ctx);
  const broken = statuses.filter((s) => s.state === "error");
  const findings: Finding[] = [{
    group: "status",
    name: "status files",
    level: broken.length > 0 ? "warn" : "ok",
    detail: `${statuses.length} read, ${broken.length} unreadable`,
  }];
  for (const s of broken) {
    findings.push({
      group: "status",
      name: s.workerId,
      level: "warn",
      detail: s.error ?? "unreadable",
    });
  }
  const logs = (await ctx.fs.readDir(ctx.layout.logs)).filter((e) =>
    e.kind === "file" && e.name.endsWith(".log") && e.name !== "forge.log"
  );
  let total = 0;
  for (const log of logs) {
    const summary = await summarizeLog(ctx.fs, join(ctx.layout.logs, log.name), { maxSamples: 3 });
    total += summary.malformed;
    for (const sample of summary.samples) {
      findings.push({
        group: "logs",
        name: log.name,
        level: "warn",
        detail: `line ${sample.line}: ${sample.reason}: ${sample.text}`,
      });
    }
  }
  findings.push({
    group: "logs",
    name: "worker logs",
    level: total > 0 ? "warn" : "ok",
    detail: `${logs.length} files, ${total} malformed lines skipped`,
  });
  return findings;
}
