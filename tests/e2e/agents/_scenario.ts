/**
 * What a scripted model server plays: per bead, a list of model turns (a shell command for the
 * agent to run, or a final text, with the token usage to report), and failures to serve instead.
 * The servers pick the bead from the prompt FORGE built ("Task: <id>: …") and the step from how
 * many tool results the request's history already holds, so every answer follows from the request
 * alone, whatever the agent retries or resends.
 */

/** Tokens as FORGE counts them: input not served from cache, output, cache reads. */
export interface ScriptedUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheRead?: number;
}

/** One answer of the model. */
export interface ScriptedTurn {
  readonly kind: "turn";
  /** A shell command the model asks the agent to run with its own shell tool. */
  readonly shell?: string;
  /** Text the model says; a turn without `shell` ends the agent's run. */
  readonly text?: string;
  readonly usage: ScriptedUsage;
}

/** A failure served instead of an answer. */
export interface ScriptedFailure {
  readonly kind: "fail";
  /**
   * `usage-limit`: 429 saying the plan's usage limit is reached, resetting in `resetSeconds`;
   * `rate-limit`: 429 that asks to retry after `resetSeconds`; `server-error`: 500; `hang`: headers
   * and then nothing until the server closes; `malformed`: a stream of broken events.
   */
  readonly failure: "usage-limit" | "rate-limit" | "server-error" | "hang" | "malformed";
  readonly resetSeconds?: number;
  /** Fail this many requests of the step, then play the next step's entry; default: always. */
  readonly times?: number;
}

/** What the model does at one step. */
export type ScriptedStep = ScriptedTurn | ScriptedFailure;

/**
 * Per bead id (`"*"` for any other), the steps the model plays; or a function of the bead id and
 * how many other beads this server saw before it (0 for its first).
 */
export type Scenarios =
  | Readonly<Record<string, readonly ScriptedStep[]>>
  | ((beadId: string, order: number) => readonly ScriptedStep[]);

/** Usage one served answer reported, by model and bead. */
export interface LedgerEntry {
  readonly model: string;
  readonly beadId: string;
  readonly usage: Required<ScriptedUsage>;
}

/** One request a scripted server saw. */
export interface SeenRequest {
  readonly path: string;
  /** undefined for side requests (titles, classifiers, probes). */
  readonly beadId: string | undefined;
  readonly step: number;
  readonly served: "shell" | "text" | "side" | ScriptedFailure["failure"] | "unknown";
}

/**
 * A shell turn.
 *
 * @param command what the agent runs
 * @param usage tokens to report
 * @returns the step
 */
export function shell(command: string, usage: ScriptedUsage): ScriptedTurn {
  return { kind: "turn", shell: command, usage };
}

/**
 * A final text turn.
 *
 * @param text what the model says
 * @param usage tokens to report
 * @returns the step
 */
export function say(text: string, usage: ScriptedUsage): ScriptedTurn {
  return { kind: "turn", text, usage };
}

/**
 * A failure step.
 *
 * @param failure what to serve
 * @param options reset time and how many times
 * @returns the step
 */
export function fail(
  failure: ScriptedFailure["failure"],
  options: { readonly resetSeconds?: number; readonly times?: number } = {},
): ScriptedFailure {
  return { kind: "fail", failure, ...options };
}

/** The bead a request is about, from the prompt FORGE built. */
export function beadOf(body: string): string | undefined {
  return /Task: ([A-Za-z0-9._-]+): /.exec(body)?.[1];
}

/**
 * Decides what to serve: the step's entry, skipping failures already served `times` times.
 *
 * @param steps the bead's steps
 * @param step tool results already in the history
 * @param failures how many times each step index has failed so far (updated)
 * @returns the entry to play, or undefined past the script's end
 */
export function pick(
  steps: readonly ScriptedStep[],
  step: number,
  failures: Map<number, number>,
): ScriptedStep | undefined {
  // Failures sit between turns: step n is the n-th non-failure turn; a failure before it plays
  // first, until its `times` are used up.
  let turnIndex = -1;
  for (let i = 0; i < steps.length; i++) {
    const entry = steps[i] as ScriptedStep;
    if (entry.kind === "turn") {
      turnIndex++;
      if (turnIndex === step) return entry;
      continue;
    }
    if (turnIndex + 1 !== step) continue;
    const done = failures.get(i) ?? 0;
    if (entry.times === undefined || done < entry.times) {
      failures.set(i, done + 1);
      return entry;
    }
  }
  return undefined;
}

/**
 * Sums the ledger by model or by bead: what `forge costs --by model|bead` must show.
 *
 * @param ledger what the servers reported
 * @param key the grouping
 * @returns key → tokens
 */
export function ledgerBy(
  ledger: readonly LedgerEntry[],
  key: "model" | "beadId",
): Map<string, Required<ScriptedUsage>> {
  const out = new Map<string, Required<ScriptedUsage>>();
  for (const e of ledger) {
    const t = out.get(e[key]) ?? { input: 0, output: 0, cacheRead: 0 };
    out.set(e[key], {
      input: t.input + e.usage.input,
      output: t.output + e.usage.output,
      cacheRead: t.cacheRead + e.usage.cacheRead,
    });
  }
  return out;
}
