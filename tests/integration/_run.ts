/**
 * Helpers for orchestrator tests: write a workspace's beads, start `forge run` as a real child
 * process of a sandbox and watch its output line by line, read beads back.
 */
import { join } from "node:path";
import type { ForgeSandbox } from "../helpers/forge_env.ts";
import { waitFor } from "../helpers/wait.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A bead for a test workspace. */
export interface TestBead {
  readonly id: string;
  readonly priority?: number;
  readonly labels?: readonly string[];
  readonly blockedBy?: readonly string[];
}

/**
 * Writes `.beads/issues.jsonl` into the sandbox's workspace.
 *
 * @param sb the sandbox
 * @param beads the beads
 */
export async function writeBeads(sb: ForgeSandbox, beads: readonly TestBead[]): Promise<void> {
  await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
  const lines = beads.map((b) =>
    JSON.stringify({
      id: b.id,
      title: `Task ${b.id}`,
      status: "open",
      priority: b.priority ?? 2,
      issue_type: "task",
      created_at: "2026-11-20T10:00:00Z",
      updated_at: "2026-11-20T10:00:00Z",
      ...(b.labels === undefined ? {} : { labels: b.labels }),
      ...(b.blockedBy === undefined ? {} : {
        dependencies: b.blockedBy.map((d) => ({
          issue_id: b.id,
          depends_on_id: d,
          type: "blocks",
        })),
      }),
    })
  );
  await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), `${lines.join("\n")}\n`);
}

/**
 * The beads of the workspace as status and assignee.
 *
 * @param sb the sandbox
 * @returns id → {status, assignee}
 */
export async function readBeadStates(
  sb: ForgeSandbox,
): Promise<Map<string, { status: string; assignee: string | undefined }>> {
  const text = await Deno.readTextFile(join(sb.workspace, ".beads", "issues.jsonl"));
  const out = new Map<string, { status: string; assignee: string | undefined }>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const o = JSON.parse(line);
    out.set(o.id, { status: o.status, assignee: o.assignee === "" ? undefined : o.assignee });
  }
  return out;
}

/** A running `forge run`. */
export interface RunningForge {
  /** Every line printed so far (stdout and stderr). */
  readonly lines: string[];
  /** Waits until a line matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal. */
  signal(signal: Deno.Signal): void;
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
}

/**
 * Starts `forge <args>` in the sandbox, in the background.
 *
 * @param sb the sandbox
 * @param args arguments after `forge`
 * @param env extra environment
 * @returns the running process
 */
export function startForge(
  sb: ForgeSandbox,
  args: readonly string[],
  env: Record<string, string> = {},
): RunningForge {
  const childEnv = { ...Deno.env.toObject(), ...sb.env, ...env };
  delete childEnv["TMUX"];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", MAIN, ...args],
    cwd: sb.workspace,
    env: childEnv,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts);
    }
    if (rest !== "") lines.push(rest);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const exited = child.status.then(async (s) => {
    await pumps;
    return s.code;
  });
  return {
    lines,
    waitForLine: (pattern, timeoutMs = 60_000) =>
      waitFor(() => lines.find((l) => pattern.test(l)), {
        timeoutMs,
        what: `a line matching ${pattern} (got:\n${lines.slice(-20).join("\n")})`,
      }),
    signal: (signal) => {
      try {
        child.kill(signal);
      } catch { /* already gone */ }
    },
    exited,
  };
}

/** Sim settings for orchestrator tests: short beads, no failures, stalls or limits. */
export const QUICK_SIM: Readonly<Record<string, string>> = {
  SIM_WORK_SECONDS: "2",
  SIM_CALL_SECONDS: "0.3",
  SIM_FAIL_PCT: "0",
  SIM_STALL_PCT: "0",
  SIM_LIMIT_PCT: "0",
};

/**
 * Writes FORGE_HOME/config.yaml.
 *
 * @param sb the sandbox
 * @param yaml the text
 */
export async function writeConfig(sb: ForgeSandbox, yaml: string): Promise<void> {
  await Deno.writeTextFile(join(sb.home, "config.yaml"), yaml);
}
