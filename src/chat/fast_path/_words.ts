/**
 * The fast path's vocabulary: how a line is normalised (case, punctuation, politeness,
 * contractions), number words, bead ids, and the small helpers every reader uses to take
 * phrases off a line.
 */
import type { Call, Failure, Line } from "./_types.ts";

/** Lines longer than this are never fast-path commands. */
const MAX_LINE = 300;

/** Politeness that changes nothing, at the start of a line (longest first). */
const LEADING_FILLERS = [
  "can you please",
  "could you please",
  "would you please",
  "can you",
  "could you",
  "would you",
  "will you",
  "can u",
  "please",
  "pls",
  "plz",
  "kindly",
  "just",
  "ok",
  "okay",
  "hey",
  "tell me",
];

/** Politeness that changes nothing, at the end of a line. */
const TRAILING_FILLERS = [
  "please",
  "pls",
  "plz",
  "thanks",
  "thank you",
  "for me",
  "right now",
  "now",
];

const CONTRACTIONS: Readonly<Record<string, string>> = {
  "what's": "what is",
  "how's": "how is",
  "why's": "why is",
  "who's": "who is",
  "how're": "how are",
  "what're": "what are",
  "isn't": "is not",
  "aren't": "are not",
  "hasn't": "has not",
  "wasn't": "was not",
  "doesn't": "does not",
  "didn't": "did not",
  "can't": "can not",
  "cannot": "can not",
  "won't": "will not",
};

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/**
 * Normalises a typed line: trims, drops a leading `:` and trailing `?`, `!` or `.`, collapses
 * spaces, expands contractions, lowercases, and drops politeness at either end.
 *
 * @param text the line as typed
 * @returns its words, lowercased and as typed; none for an empty or overlong line
 */
export function normalise(text: string): Line {
  if (text.length > MAX_LINE) return { words: [], raw: [] };
  const cleaned = text.replace(/[\u2018\u2019]/g, "'").trim().replace(/^:+/, "")
    .replace(/(?<=[^\s?!.])[?!.]+$/, "").replace(/,(?=\s|$)/g, " ");
  const raw: string[] = [];
  for (const token of cleaned.split(/\s+/)) {
    const word = token.replace(/^["'`(]+|["'`)]+$/g, "");
    if (word === "") continue;
    const expanded = lookup(CONTRACTIONS, word.toLowerCase());
    raw.push(...(expanded === undefined ? [word] : expanded.split(" ")));
  }
  let line: Line = { words: raw.map((w) => w.toLowerCase()), raw };
  for (;;) {
    const next = afterAny(line, LEADING_FILLERS) ?? beforeAny(line, TRAILING_FILLERS);
    if (next === undefined || next.words.length === 0) return line;
    line = next;
  }
}

/**
 * A record's own value for a key (never one inherited, like `constructor`).
 *
 * @param record the table
 * @param key a word from the line
 * @returns the value, or undefined
 */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A whole number written as digits or as a word from zero to twenty.
 *
 * @param word one lowercased word
 * @returns the number, or undefined when the word is not one
 */
export function numberOf(word: string): number | undefined {
  if (/^\d{1,7}$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word);
  return index < 0 ? undefined : index;
}

/**
 * Whether a word is meant as a number, well formed or not (`2`, `two`, `-1`, `2.5`).
 *
 * @param word one lowercased word
 * @returns true for digits (with a sign or decimals) and number words
 */
export function looksNumeric(word: string): boolean {
  return /^[+-]?\d+(\.\d*)?$/.test(word) || NUMBER_WORDS.includes(word);
}

/**
 * Whether a word reads as a bead id: `<prefix>-<alnum>` with optional `.N` children (`bd-42`,
 * `forge-a1b2`, `bd-3.1`).
 *
 * @param word one word
 * @param strict also require a digit after the prefix (for a bare id, unlike `sim-alpha`)
 * @returns whether it is shaped like a bead id
 */
export function isBeadId(word: string, strict = false): boolean {
  if (!/^[a-z][a-z0-9_]*(-[a-z0-9]+)+(\.\d+)*$/i.test(word) || word.length > 60) return false;
  return !strict || /\d/.test(word.slice(word.indexOf("-")));
}

/**
 * The rest of a line after a phrase at its start.
 *
 * @param line the line
 * @param phrase lowercased words separated by single spaces
 * @returns the words after it, or undefined when the line does not start with it
 */
export function after(line: Line, phrase: string): Line | undefined {
  const want = phrase.split(" ");
  if (want.some((w, i) => line.words[i] !== w)) return undefined;
  return { words: line.words.slice(want.length), raw: line.raw.slice(want.length) };
}

/**
 * The rest of a line after the first of several phrases it starts with.
 *
 * @param line the line
 * @param phrases lowercased phrases, tried in order (put longer ones first)
 * @returns the words after it, or undefined when none starts the line
 */
export function afterAny(line: Line, phrases: readonly string[]): Line | undefined {
  for (const phrase of phrases) {
    const rest = after(line, phrase);
    if (rest !== undefined) return rest;
  }
  return undefined;
}

/**
 * A line without the first of several phrases it ends with.
 *
 * @param line the line
 * @param phrases lowercased phrases, tried in order (put longer ones first)
 * @returns the words before it, or undefined when none ends the line
 */
export function beforeAny(line: Line, phrases: readonly string[]): Line | undefined {
  for (const phrase of phrases) {
    const want = phrase.split(" ");
    const start = line.words.length - want.length;
    if (start < 0 || want.some((w, i) => line.words[start + i] !== w)) continue;
    return { words: line.words.slice(0, start), raw: line.raw.slice(0, start) };
  }
  return undefined;
}

/**
 * A line without the words a filter rejects.
 *
 * @param line the line
 * @param drop words to leave out
 * @returns the remaining words, lowercased and as typed
 */
export function without(line: Line, drop: readonly string[]): Line {
  const keep = line.words.map((w) => !drop.includes(w));
  return {
    words: line.words.filter((_, i) => keep[i]),
    raw: line.raw.filter((_, i) => keep[i]),
  };
}

/**
 * Names for a message: all of them, or the first eight and how many there are.
 *
 * @param names the names
 * @returns `a, b, c`, `none`, or `a, …, h, … 12 in all`
 */
export function listed(names: readonly string[]): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, 8).join(", ");
  return names.length > 8 ? `${shown}, … ${names.length} in all` : shown;
}

/**
 * One proposed call, before it gets its id.
 *
 * @param tool the catalog's tool name
 * @param args its arguments (keys whose value is undefined are left out)
 * @returns the call
 */
export function call(tool: string, args: Readonly<Record<string, unknown>> = {}): Call {
  const defined = Object.entries(args).filter(([, v]) => v !== undefined);
  return { kind: "call", tool, arguments: Object.fromEntries(defined) };
}

/**
 * A refusal with the lines the user may have meant.
 *
 * @param message why, in one sentence
 * @param suggestions whole lines to try instead
 * @returns the failure
 */
export function failure(message: string, suggestions: readonly string[] = []): Failure {
  return { kind: "error", message, suggestions };
}
