/**
 * Friendly, unique worker ids: `<model>-<word>`, e.g. `sonnet-alpha`, `sim-bravo`. An id is also a
 * tmux session name and a file stem, so it avoids every id in use on this FORGE home and server.
 */
import type { WorkerId } from "./ids.ts";
import { toWorkerId } from "./ids.ts";

/** The words of worker ids, in the order they are handed out. */
export const ID_WORDS: readonly string[] = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "kilo",
  "lima",
  "mike",
  "november",
  "oscar",
  "papa",
  "quebec",
  "romeo",
  "sierra",
  "tango",
  "uniform",
  "victor",
  "whiskey",
  "xray",
  "yankee",
  "zulu",
];

const FAMILIES = [
  "opus",
  "sonnet",
  "haiku",
  "glm",
  "gemini",
  "deepseek",
  "qwen",
  "kimi",
  "grok",
  "llama",
  "mistral",
];

/**
 * The short model name used in worker ids: a known family name when one appears, else the model's
 * last path segment, lowercased and cut to letters, digits and dashes.
 *
 * @param model a model name such as `anthropic/claude-sonnet-4-5`
 * @returns a short slug such as `sonnet`
 */
export function modelSlug(model: string): string {
  const lower = model.toLowerCase();
  const family = FAMILIES.find((f) => lower.includes(f));
  if (family !== undefined) return family;
  const last = lower.split("/").pop() ?? lower;
  const slug = last.replace(/[^a-z0-9]+/g, "-").slice(0, 20).replace(/^-+|-+$/g, "");
  return slug === "" ? "worker" : slug;
}

/**
 * Picks `count` ids not in `taken`.
 *
 * @param model the model the workers run
 * @param options how many and which ids are in use
 * @returns new ids, in order
 */
export function allocateWorkerIds(
  model: string,
  options: { readonly count: number; readonly taken: ReadonlySet<string> },
): WorkerId[] {
  const slug = modelSlug(model);
  const ids: WorkerId[] = [];
  const taken = new Set(options.taken);
  for (let round = 1; ids.length < options.count; round++) {
    for (const word of ID_WORDS) {
      if (ids.length >= options.count) break;
      const id = round === 1 ? `${slug}-${word}` : `${slug}-${word}-${round}`;
      if (taken.has(id)) continue;
      taken.add(id);
      ids.push(toWorkerId(id));
    }
  }
  return ids;
}
