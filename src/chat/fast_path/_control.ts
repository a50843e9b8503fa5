/**
 * `kill|pause|resume <worker>|all [in <workspace>]`, with `stop` for kill and `unpause` for
 * resume, and `everyone`, `everybody`, `all workers` for all. These stop or pause work, so only a
 * target that is exactly one known worker or all of them becomes a call: "kill the slow ones" is
 * a sentence for a backend, never a kill.
 */
import { suggestKey } from "../../domain/mod.ts";
import type { FastPathContext, Line, Match } from "./_types.ts";
import { findWorker, unknownWorker, workspaceAtEnd } from "./_names.ts";
import { after, call, failure, listed, without } from "./_words.ts";

type Verb = "kill" | "pause" | "resume";

/** Verb words, and whether each is the command line's own (its mistakes are errors). */
const VERBS: readonly (readonly [word: string, verb: Verb, explicit: boolean])[] = [
  ["kill", "kill", true],
  ["stop", "kill", false],
  ["pause", "pause", true],
  ["resume", "resume", true],
  ["unpause", "resume", false],
];

const FILLER = ["the", "my", "worker", "workers", "agent", "agents"];

const ALL = ["all", "everyone", "everybody", "every", "all of them"];

/**
 * Reads a kill, pause or resume line.
 *
 * @param line the normalised line
 * @param context the workers and workspaces
 * @returns a `kill_workers`, `pause_workers` or `resume_workers` call, an error, `unknown`, or
 * undefined when the line starts with none of these verbs
 */
export function readControl(line: Line, context: FastPathContext): Match {
  const found = VERBS.find(([word]) => line.words[0] === word);
  if (found === undefined) return undefined;
  const [, verb, explicit] = found;
  const placed = workspaceAtEnd(line, { context, action: verb });
  const whole = placed?.rest ?? line;
  const target = without(after(whole, whole.words[0] ?? "") ?? whole, FILLER);
  const workers = context.workers.map((w) => w.id);
  const tool = `${verb}_workers`;
  const all = ALL.includes(target.words.join(" "));
  if (placed !== undefined && "failure" in placed) {
    return explicit && all ? placed.failure : { kind: "unknown" };
  }
  if (all) return call(tool, { worker: "all", workspace: placed?.workspace.name });
  if (target.words.length === 0) {
    if (!explicit) return { kind: "unknown" };
    return failure(
      `Cannot ${verb}: name one worker or "all" (known: ${listed(workers)})`,
      [...workers.slice(0, 2), "all"].map((w) => `${verb} ${w}`),
    );
  }
  const [word] = target.raw;
  if (word === undefined || target.raw.length > 1) {
    const known = target.raw.every((w) => findWorker(w, context) !== undefined);
    if (!known) return { kind: "unknown" };
    return failure(
      `Cannot ${verb} "${target.raw.join(" ")}": name one worker or "all" (known: ${
        listed(workers)
      })`,
      [...target.raw.slice(0, 2), "all"].map((w) => `${verb} ${w}`),
    );
  }
  const id = findWorker(word, context);
  if (id === undefined) {
    // "kill idle", "stop sonnet": a description, not an id; only an id-shaped word or a typo of
    // a known id is refused here.
    const idShaped = explicit && /[-_\d]/.test(word);
    if (!idShaped && suggestKey(word, workers) === undefined) return { kind: "unknown" };
    return unknownWorker(verb, word, { workers, line: (w) => `${verb} ${w}` });
  }
  if (placed !== undefined) {
    return failure(
      `Cannot ${verb} "${id}" in workspace "${placed.workspace.name}": a workspace goes with ` +
        `"all"`,
      [`${verb} ${id}`, `${verb} all in ${placed.workspace.name}`],
    );
  }
  return call(tool, { worker: id });
}
