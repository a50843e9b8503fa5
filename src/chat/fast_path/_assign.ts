/**
 * `assign <bead> [to] [config|worker|model|auto]`: a new worker starts on the bead, of that
 * config, like that worker (its model), on that model, or as routing chooses (the default).
 */
import type { FastPathContext, Line, Match } from "./_types.ts";
import { findWorker, findWorkerType, isModel, unknownWorker } from "./_names.ts";
import { afterAny, call, failure, isBeadId, without } from "./_words.ts";

const FILLER = ["to", "a", "an", "the", "new", "worker", "workers", "on", "with", "using"];

const AUTO = ["auto", "automatically", "anyone", "anybody", "routing"];

/**
 * Reads an assign line.
 *
 * @param line the normalised line
 * @param context the worker configs (with models) and workers
 * @returns an `assign_bead` call, an error, `unknown`, or undefined when it is no assign line
 */
export function readAssign(line: Line, context: FastPathContext): Match {
  const rest = afterAny(line, ["assign", "reassign"]);
  if (rest === undefined) return undefined;
  const args = without(rest, FILLER);
  const [bead, who] = args.raw;
  const example = `e.g. assign bd-12 ${context.workerTypes[0]?.name ?? "sim"}`;
  if (bead === undefined) {
    return failure(`Cannot assign: name a bead and optionally a worker, ${example}`);
  }
  if (args.raw.length > 2 || !isBeadId(bead)) {
    const names = args.raw.slice(1).every((w) => whoIs(w, context) !== undefined);
    if (args.raw.length > 3 || !names) return { kind: "unknown" };
    return failure(
      `Cannot assign "${rest.raw.join(" ")}": name one bead (like bd-12) and optionally one ` +
        `worker, ${example}`,
    );
  }
  if (who === undefined || AUTO.includes(who.toLowerCase())) {
    return call("assign_bead", { bead, worker: "auto" });
  }
  const worker = whoIs(who, context);
  if (worker === undefined) {
    const known = [...context.workerTypes.map((t) => t.name), ...context.workers.map((w) => w.id)];
    return unknownWorker(`assign ${bead} to`, who, {
      workers: known,
      line: (w) => `assign ${bead} ${w}`,
    });
  }
  return call("assign_bead", { bead, worker });
}

/** A config name, worker id, config by its model, or a model; undefined when it is none. */
function whoIs(word: string, context: FastPathContext): string | undefined {
  const lower = word.toLowerCase();
  const config = context.workerTypes.find((t) => t.name.toLowerCase() === lower);
  if (config !== undefined) return config.name;
  const id = findWorker(word, context);
  if (id !== undefined) return id;
  const byModel = findWorkerType(word, context);
  if (byModel !== undefined && "name" in byModel) return byModel.name;
  return isModel(lower, context) ? lower : undefined;
}
