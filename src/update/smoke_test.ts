/**
 * Runs a candidate binary before it replaces anything: `<binary> version --json` must exit 0
 * within the time limit and report the expected version (and target, when it prints one).
 */
import type { Processes } from "../domain/mod.ts";
import { ISSUES_URL } from "./release_source.ts";

/** Which binary to try and what it must say. */
export interface SmokeTestOptions {
  /** The staged download, or a copy of a saved version. */
  readonly path: string;
  /** The version it must report. */
  readonly version: string;
  /** The target triple it must report when it reports one. */
  readonly target: string;
  readonly processes: Processes;
  /** Default 10 s; the whole process group is killed when it passes. */
  readonly timeoutMs?: number;
  /** Wording: a download being installed, or a saved copy being restored. Default "update". */
  readonly command?: "update" | "rollback";
}

/** Passed, or why not in a message ready for the user. */
export type SmokeTestResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string };

/** Environment of the candidate: no update check of its own, and it knows it is being tested. */
const SELF_TEST_ENV = { FORGE_NO_UPDATE_CHECK: "1", FORGE_SELF_TEST: "1" } as const;

/**
 * Runs `<path> version --json` and checks what it reports.
 *
 * @param options binary, expected version and target, process port
 * @returns ok, or a failure naming what the binary did instead
 */
export async function smokeTest(options: SmokeTestOptions): Promise<SmokeTestResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const result = await options.processes.run(options.path, ["version", "--json"], {
    env: SELF_TEST_ENV,
    timeoutMs,
    maxOutputBytes: 64 * 1024,
  });
  let problem: string | undefined;
  if (result.timedOut) problem = `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  else if (result.code !== 0) {
    const said = firstLine(result.stderr) ?? firstLine(result.stdout);
    problem = `exited with code ${result.code}${said === undefined ? "" : `: "${said}"`}`;
  } else problem = checkReport(result.stdout, options);
  return problem === undefined ? { ok: true } : { ok: false, message: failure(options, problem) };
}

/** What is wrong with the printed report, or undefined when it is right. */
function checkReport(stdout: string, options: SmokeTestOptions): string | undefined {
  const report = parseReport(stdout);
  if (report === undefined) return `printed "${firstLine(stdout) ?? ""}"`;
  if (report.version !== options.version) return `reported version ${report.version}`;
  if (report.target !== undefined && report.target !== options.target) {
    return `reported target ${report.target}`;
  }
  return undefined;
}

function parseReport(stdout: string): { version: string; target: string | undefined } | undefined {
  const line = stdout.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("{")).pop();
  if (line === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null) return undefined;
    const { version, target } = value as Record<string, unknown>;
    if (typeof version !== "string") return undefined;
    return { version, target: typeof target === "string" ? target : undefined };
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string | undefined {
  const line = text.split("\n").map((l) => l.trim()).find((l) => l !== "");
  if (line === undefined) return undefined;
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

function failure(options: SmokeTestOptions, problem: string): string {
  const expected = `expected ${options.version} for ${options.target}`;
  if (options.command === "rollback") {
    return `forge rollback: the saved copy of forge ${options.version} failed its self-test ` +
      `(${problem}, ${expected}). It was not restored; your current forge is unchanged.`;
  }
  return `forge update: the downloaded forge ${options.version} failed its self-test ` +
    `(${problem}, ${expected}). Nothing was installed. Please report this at ${ISSUES_URL}`;
}
