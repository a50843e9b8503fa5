/**
 * `spawn [config|model] [count] [in <workspace>]`, in either order, with number words and
 * `workers` as filler: "spawn sim 2", "spawn two sonnet workers", "start 3 opus in api". `spawn`
 * is the command line's own verb, so a name it cannot resolve is an error; after `start`,
 * `launch` or `add` it may just be a sentence, so it goes on unless a known name is close.
 */
import { suggestKey } from "../../domain/mod.ts";
import type { Failure, FastPathContext, Line, Match } from "./_types.ts";
import { findWorkerType, workspaceAtEnd } from "./_names.ts";
import { MAX_SPAWN } from "../../domain/mod.ts";
import { afterAny, call, failure, listed, looksNumeric, numberOf } from "./_words.ts";

const VERBS = ["spawn", "spin up", "start", "launch", "add"];

const WORKER_WORDS = ["worker", "workers", "agent", "agents"];

const FILLER = ["more", "new", "extra", "additional", "of"];

/** What the words after the verb say, before names are resolved. */
interface SpawnWords {
  readonly count: number | undefined;
  readonly names: readonly string[];
  /** A count, an article or `workers` was there: the line is about starting workers. */
  readonly aboutWorkers: boolean;
  /** What is wrong with the count, told only once the line is known to be a spawn. */
  readonly badCount: Failure | undefined;
}

/**
 * Reads a spawn line.
 *
 * @param line the normalised line
 * @param context spawnable configs, the default one and the workspaces
 * @returns a `spawn_workers` call, an error, `unknown`, or undefined when it is no spawn line
 */
export function readSpawn(line: Line, context: FastPathContext): Match {
  const rest = afterAny(line, VERBS);
  if (rest === undefined) return undefined;
  const explicit = line.words[0] === "spawn";
  const placed = workspaceAtEnd(line, { context, action: "spawn" });
  const args = placed === undefined ? rest : afterAny(placed.rest, VERBS) ?? rest;
  const spawn = readWorkers(args, { context, explicit });
  if (placed === undefined || spawn?.kind !== "call") return spawn;
  if ("failure" in placed) return placed.failure;
  return call("spawn_workers", { ...spawn.arguments, workspace: placed.workspace.path });
}

/** Which config and how many, from the words after the verb. */
function readWorkers(
  args: Line,
  options: { readonly context: FastPathContext; readonly explicit: boolean },
): Match {
  const { context, explicit } = options;
  const read = spawnWords(args);
  const { count, names } = read;
  const suffix = count === undefined ? "" : ` ${count}`;
  const types = context.workerTypes.map((t) => t.name);
  const wanted = names[0] ?? context.defaultWorker;
  if (names.length > 1) {
    return names.every((n) => findWorkerType(n, context) !== undefined)
      ? failure(`Cannot spawn "${args.raw.join(" ")}": name one worker config, e.g. spawn sim 2`)
      : { kind: "unknown" };
  }
  if (!explicit && names.length === 0 && !read.aboutWorkers) return { kind: "unknown" };
  const found = wanted === undefined ? undefined : findWorkerType(wanted, context);
  const near = wanted === undefined ? undefined : suggestKey(wanted, types);
  // "add 100 tasks": after a verb that is not spawn's own, an unknown name is a sentence.
  if (!explicit && wanted !== undefined && found === undefined && near === undefined) {
    return { kind: "unknown" };
  }
  if (read.badCount !== undefined) return read.badCount;
  if (wanted === undefined) {
    return failure(
      `Cannot spawn: name a worker config (known: ${listed(types)})`,
      types.slice(0, 3).map((t) => `spawn ${t}${suffix}`),
    );
  }
  if (found === undefined) {
    return failure(
      `Cannot spawn "${wanted}": no worker config has that name or model (known: ${listed(types)})`,
      near === undefined ? [] : [`spawn ${near}${suffix}`],
    );
  }
  if ("several" in found) {
    return failure(
      `Cannot spawn "${wanted}": several worker configs run that model ` +
        `(${listed(found.several)}): name one`,
      found.several.slice(0, 3).map((t) => `spawn ${t}${suffix}`),
    );
  }
  return call("spawn_workers", { worker: found.name, count: count ?? 1 });
}

/** The count and the names of a spawn, in any order. */
function spawnWords(args: Line): SpawnWords {
  let count: number | undefined;
  let aboutWorkers = false;
  let badCount: Failure | undefined;
  const names: string[] = [];
  for (const [i, word] of args.words.entries()) {
    const raw = args.raw[i] ?? word;
    if (FILLER.includes(word)) continue;
    if (WORKER_WORDS.includes(word) || ["a", "an", "another"].includes(word)) {
      aboutWorkers = true;
    } else if (!looksNumeric(word)) {
      names.push(raw);
    } else {
      const n = numberOf(word);
      aboutWorkers = true;
      if (n === undefined || n < 1 || n > MAX_SPAWN) {
        badCount ??= failure(
          `Cannot spawn "${raw}" workers: the count must be a whole number from 1 to ` +
            `${MAX_SPAWN}`,
        );
      } else if (count !== undefined) {
        badCount ??= failure(`Cannot spawn "${args.raw.join(" ")}": give one count`);
      }
      count ??= n;
    }
  }
  return { count, names, aboutWorkers, badCount };
}
