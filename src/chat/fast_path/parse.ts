/**
 * The fast path: the common chat commands read without any AI backend, deterministically. A line
 * becomes proposed tool calls of the catalog (checked by `checkCall()` like a backend's), quit,
 * an error for a command with something wrong, or `unknown` for anything it is not sure about:
 * that goes to a backend, so a sentence is never guessed into an action.
 */
import { suggestKey } from "../../domain/mod.ts";
import type { FastPathContext, FastPathResult, Line, Match, Reader } from "./_types.ts";
import { readAlerts } from "./_alerts.ts";
import { readAssign } from "./_assign.ts";
import { readControl } from "./_control.ts";
import { readCosts } from "./_costs.ts";
import { readExplain } from "./_explain.ts";
import { readLimits } from "./_limits.ts";
import { readSpawn } from "./_spawn.ts";
import { readStatus } from "./_status.ts";
import { readTasks } from "./_tasks.ts";
import { readHelpOrQuit, readView } from "./_views.ts";
import { normalise } from "./_words.ts";
import { CHAT_VIEWS } from "../tool_catalog.ts";

export type { FastPathContext, FastPathResult } from "./_types.ts";

/** Readers in order: commands first, so "pause all workers" is never read as a question. */
const READERS: readonly Reader[] = [
  readHelpOrQuit,
  readSpawn,
  readControl,
  readAssign,
  readLimits,
  readView,
  readAlerts,
  readExplain,
  readStatus,
  readTasks,
  readCosts,
];

/** Words a misspelt word is compared with for "did you mean". */
const VOCABULARY: readonly string[] = [
  ...CHAT_VIEWS,
  ...["spawn", "start", "launch", "kill", "stop", "pause", "resume", "unpause", "assign"],
  ...["ack", "acknowledge", "dismiss", "help", "quit", "exit", "show", "list", "explain"],
  ...["why", "cost", "quota", "plans", "dashboard", "budget", "limit", "idle", "paused"],
  ...["ready", "waiting", "today", "week", "month", "spend", "spending", "success", "rate"],
  ...["filter", "search", "all", "everyone", "workers", "tasks", "max", "monthly"],
];

/** Common words that are never a misspelt command ("what" is no typo of "why"). */
const PLAIN_WORDS = ["what", "how", "who", "the", "and", "did", "does", "has", "have", "was"];

/** Most words of a line tried for a correction. */
const MAX_CORRECTED_WORDS = 8;

/**
 * Reads one chat line without a backend.
 *
 * @param text the line as typed (`spawn two sonnet workers`, `:pause all`, `costs this week?`)
 * @param context the workers, spawnable worker configs, the default one and the workspaces
 * @returns calls (ids `fast-1`, `fast-2` …), quit, an error with suggested lines, or `unknown`
 * with a hint and any lines a misspelling may have meant
 */
export function parseFastPath(text: string, context: FastPathContext): FastPathResult {
  const line = normalise(text);
  const match = readLine(line, context);
  if (match === undefined || match.kind === "unknown") {
    return {
      kind: "unknown",
      message: notUnderstood(text, context),
      suggestions: corrections(line, context),
    };
  }
  if (match.kind === "call") {
    return {
      kind: "calls",
      calls: [match].map((c, i) => ({ id: `fast-${i + 1}`, tool: c.tool, arguments: c.arguments })),
    };
  }
  return match;
}

function readLine(line: Line, context: FastPathContext): Match {
  if (line.words.length === 0) return undefined;
  for (const read of READERS) {
    const match = read(line, context);
    if (match !== undefined) return match;
  }
  return undefined;
}

function notUnderstood(text: string, context: FastPathContext): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  const shown = trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed;
  const worker = context.defaultWorker ?? context.workerTypes[0]?.name ?? "sim";
  return `Not understood: "${shown}" — try: spawn 2 ${worker}, pause all, show costs this week, ` +
    "why is bd-12 waiting, help";
}

/**
 * Lines a misspelt word may have meant: one word at a time is replaced by the closest known
 * word, and the line is kept when it then reads as a command (or as an error that has its own
 * suggestions, e.g. a misspelt worker id as well).
 */
function corrections(line: Line, context: FastPathContext): readonly string[] {
  const limit = Math.min(line.words.length, MAX_CORRECTED_WORDS);
  for (let i = 0; i < limit; i++) {
    const word = line.words[i] ?? "";
    if (word.length < 3 || /[-_\d]/.test(word) || VOCABULARY.includes(word)) continue;
    if (PLAIN_WORDS.includes(word)) continue;
    const near = suggestKey(word, VOCABULARY);
    if (near === undefined || !plausibleTypo(word, near)) continue;
    const raw = line.raw.map((w, j) => j === i ? near : w);
    const match = readLine({ words: raw.map((w) => w.toLowerCase()), raw }, context);
    if (match?.kind === "call") return [raw.join(" ")];
    if (match?.kind === "error") {
      return match.suggestions.length > 0 ? match.suggestions : [raw.join(" ")];
    }
  }
  return [];
}

/**
 * Two edits turn many short words into others ("open" → "spend", "chat" → "cost"): a correction
 * keeps the first letter, and a short word must be the known one with letters left out or
 * swapped.
 */
function plausibleTypo(word: string, near: string): boolean {
  if (word[0] !== near[0]) return false;
  if (word.length >= 5) return true;
  const sorted = (w: string) => [...w].sort().join("");
  let at = 0;
  for (const letter of near) if (letter === word[at]) at++;
  return at === word.length || sorted(word) === sorted(near);
}
