/**
 * `forge costs --by … --json` as the tests compare it with what the scripted servers reported.
 */
import type { ForgeSandbox } from "../../helpers/forge_env.ts";

/** One row of the report. */
export interface CostRow {
  readonly key: string;
  readonly calls: number;
  readonly tokens: {
    input: number;
    output: number;
    cache_read: number;
    cache_write: number;
    total: number;
  };
  readonly cost_usd: number;
}

/**
 * Runs `forge costs --by <by> --json` in the sandbox.
 *
 * @param sb the sandbox
 * @param by the grouping
 * @returns the rows
 * @throws {Error} when the command fails
 */
export async function readCosts(
  sb: ForgeSandbox,
  by: "model" | "bead" | "worker" = "model",
): Promise<CostRow[]> {
  const out = await sb.forge(["costs", "--by", by, "--json"]);
  if (out.code !== 0) throw new Error(`forge costs failed (${out.code}): ${out.stderr}`);
  return JSON.parse(out.stdout).rows as CostRow[];
}

/**
 * Tokens by model in the ledger's terms.
 *
 * @param rows the report's rows
 * @returns model → tokens
 */
export function sumsOf(
  rows: readonly CostRow[],
): Record<string, { input: number; output: number; cacheRead: number }> {
  return Object.fromEntries(
    rows.map((r) => [r.key, {
      input: r.tokens.input,
      output: r.tokens.output,
      cacheRead: r.tokens.cache_read,
    }]),
  );
}
