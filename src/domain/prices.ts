/**
 * What tokens cost: a built-in price table for current models (USD per million tokens, with cache
 * read and write rates), overridable by `prices:` in the configuration, and a default for models
 * no table knows. A cost stated by the agent itself always wins over any table.
 */
import type { PriceEntry } from "./config_schema.ts";
import type { TokenUsage } from "./log_event.ts";

/** A price and where it came from. */
export interface ResolvedPrice {
  readonly price: PriceEntry;
  /** `config` (prices:), `builtin`, or `default` (no table knew the model). */
  readonly source: "config" | "builtin" | "default";
}

/** Built-in prices, most specific first; matched against the lowercase model name. */
const BUILTIN: readonly (readonly [RegExp, PriceEntry])[] = [
  [/opus-4-[5-9]|opus-4\.[5-9]|opus-[5-9]/, {
    input: 5,
    output: 25,
    cache_read: 0.5,
    cache_write: 6.25,
  }],
  [/opus/, { input: 15, output: 75, cache_read: 1.5, cache_write: 18.75 }],
  [/sonnet/, { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }],
  [/haiku-4|haiku-[5-9]/, { input: 1, output: 5, cache_read: 0.1, cache_write: 1.25 }],
  [/haiku/, { input: 0.8, output: 4, cache_read: 0.08, cache_write: 1 }],
  [/gpt-5[.-]?\d*-?nano/, { input: 0.05, output: 0.4, cache_read: 0.005 }],
  [/gpt-5[.-]?\d*-?mini/, { input: 0.25, output: 2, cache_read: 0.025 }],
  [/gpt-[5-9]/, { input: 1.25, output: 10, cache_read: 0.125 }],
  [/gpt-4\.1-nano/, { input: 0.1, output: 0.4, cache_read: 0.025 }],
  [/gpt-4\.1-mini/, { input: 0.4, output: 1.6, cache_read: 0.1 }],
  [/gpt-4\.1/, { input: 2, output: 8, cache_read: 0.5 }],
  [/gpt-4o-mini/, { input: 0.15, output: 0.6, cache_read: 0.075 }],
  [/gpt-4o/, { input: 2.5, output: 10, cache_read: 1.25 }],
  [/gpt-4-turbo|gpt-4-1106/, { input: 10, output: 30 }],
  [/o4-mini|o3-mini/, { input: 1.1, output: 4.4, cache_read: 0.275 }],
  [/\bo3\b|^o3/, { input: 2, output: 8, cache_read: 0.5 }],
  [/gemini-[3-9](\.\d)?-pro/, { input: 2, output: 12, cache_read: 0.2 }],
  [/gemini-[3-9](\.\d)?-flash/, { input: 0.5, output: 3, cache_read: 0.05 }],
  [/gemini-2\.5-pro/, { input: 1.25, output: 10, cache_read: 0.31 }],
  [/gemini-2\.5-flash-lite/, { input: 0.1, output: 0.4, cache_read: 0.025 }],
  [/gemini-2\.5-flash/, { input: 0.3, output: 2.5, cache_read: 0.075 }],
  [/glm-4(\.\d)?-?air/, { input: 0.2, output: 1.1, cache_read: 0.03 }],
  [/glm/, { input: 0.6, output: 2.2, cache_read: 0.11 }],
  [/deepseek/, { input: 0.28, output: 0.42, cache_read: 0.028 }],
  [/qwen.*coder/, { input: 0.4, output: 1.6, cache_read: 0.08 }],
  [/qwen.*max/, { input: 1.6, output: 6.4, cache_read: 0.32 }],
  [/qwen.*turbo|qwen.*flash/, { input: 0.05, output: 0.4, cache_read: 0.01 }],
  [/qwen/, { input: 0.4, output: 1.2, cache_read: 0.08 }],
];

/**
 * Matches a model name against a configuration key: an exact name or a pattern with `*`.
 *
 * @param model the model name
 * @param pattern a key of `prices:` or an entry of a plan's `models`
 * @returns whether it matches (case-insensitive)
 */
export function modelMatches(model: string, pattern: string): boolean {
  const m = model.toLowerCase();
  const p = pattern.toLowerCase();
  if (!p.includes("*")) return m === p || m.endsWith(`/${p}`);
  const re = new RegExp(
    `^${p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
  );
  return re.test(m) || re.test(m.split("/").pop() ?? m);
}

/**
 * Finds the price of a model: configuration first, then the built-in table, then the default.
 *
 * @param model the model name as the agent reported it
 * @param options `prices:` and `default_price` of the configuration
 * @returns the price and its source
 */
export function priceFor(
  model: string,
  options: {
    readonly prices: Readonly<Record<string, PriceEntry>>;
    readonly defaultPrice: PriceEntry;
  },
): ResolvedPrice {
  for (const [pattern, price] of Object.entries(options.prices)) {
    if (modelMatches(model, pattern)) return { price, source: "config" };
  }
  const name = model.toLowerCase();
  for (const [pattern, price] of BUILTIN) {
    if (pattern.test(name)) return { price, source: "builtin" };
  }
  return { price: options.defaultPrice, source: "default" };
}

/**
 * The cost of token usage at a price. Cache reads default to 10 % of the input price and cache
 * writes to the input price when the price does not state them.
 *
 * @param tokens token counts
 * @param price USD per million tokens
 * @returns USD
 * @example
 * ```ts
 * costOf({ input: 1234, output: 56, cacheRead: 0, cacheWrite: 0 }, { input: 3, output: 15 }); // 0.004542
 * ```
 */
export function costOf(tokens: TokenUsage, price: PriceEntry): number {
  const perMillion = tokens.input * price.input + tokens.output * price.output +
    tokens.cacheRead * (price.cache_read ?? price.input * 0.1) +
    tokens.cacheWrite * (price.cache_write ?? price.input);
  return perMillion / 1_000_000;
}
