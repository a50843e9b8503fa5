/**
 * Budget alerts: the month's pay-per-token spend, and its month-end projection, against each of
 * `budget.alert_percents` of `budget.monthly_usd`. A crossed threshold is recorded in `alerts`
 * under `budget:YYYY-MM:<percent>:<actual|projected>`, so it fires once per month, even after it
 * was acknowledged.
 */
import type {
  BudgetAlertReport,
  BudgetBasis,
  BudgetReport,
  Config,
  CostProjection,
} from "../domain/mod.ts";
import { nanosToUsd, toIso, usdToNanos } from "../domain/mod.ts";
import { round } from "./_figures.ts";
import type { Store } from "./store.ts";

/** A threshold crossed, before it is recorded. */
interface Crossing {
  readonly key: string;
  readonly percent: number;
  readonly basis: BudgetBasis;
  readonly severity: "warning" | "critical";
  readonly message: string;
}

const dollars = (nanos: number): string => `$${nanosToUsd(nanos).toFixed(4)}`;

function crossings(
  budgetNanos: number,
  options: { readonly percents: readonly number[]; readonly projection: CostProjection },
): Crossing[] {
  const p = options.projection;
  const spent = { actual: p.billed_nanos, projected: p.projected_billed_nanos };
  const out: Crossing[] = [];
  for (const percent of [...new Set(options.percents)].sort((a, b) => a - b)) {
    for (const basis of ["actual", "projected"] as const) {
      // Integers on both sides: exact at the threshold itself.
      if (spent[basis] * 100 < budgetNanos * percent) continue;
      const share = `${round((spent[basis] / budgetNanos) * 100, 1)} %`;
      out.push({
        key: `budget:${p.month}:${percent}:${basis}`,
        percent,
        basis,
        severity: percent >= 100 ? "critical" : "warning",
        message: basis === "actual"
          ? `pay-per-token spend in ${p.month} is ${dollars(spent.actual)}, ${share} of the ` +
            `${dollars(budgetNanos)} monthly budget (alert at ${percent} %)`
          : `pay-per-token spend in ${p.month} is projected at ${dollars(spent.projected)}, ` +
            `${share} of the ${dollars(budgetNanos)} monthly budget (alert at ${percent} %)`,
      });
    }
  }
  return out;
}

function record(
  store: Store,
  options: { readonly found: readonly Crossing[]; readonly now: number },
): BudgetAlertReport[] {
  const { found, now } = options;
  if (found.length === 0) return [];
  return store.transaction(() =>
    found.map((c) => {
      const inserted = store.statement(
        `INSERT INTO alerts (at, severity, kind, subject, message, dedupe_key)
         SELECT ?, ?, 'budget', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE dedupe_key = ?)`,
      ).run(now, c.severity, c.key.split(":")[1] ?? "", c.message, c.key, c.key);
      const first = store.statement(
        "SELECT at FROM alerts WHERE dedupe_key = ? ORDER BY id LIMIT 1",
      ).get(c.key) as { at: number };
      return { ...c, at: toIso(Number(first.at)), new: Number(inserted.changes) > 0 };
    })
  );
}

/**
 * Compares the month's spend and projection with the budget, records newly crossed thresholds,
 * and reports every threshold crossed.
 *
 * @param store the open store (written to when a threshold is crossed)
 * @param options the budget configuration, this month's projection, and the current time
 * @returns the budget status; `alerts[].new` marks the ones this call recorded
 * @throws {ForgeError} when the database is locked for longer than its busy timeout
 */
export function checkBudget(
  store: Store,
  options: {
    readonly budget: Config["budget"];
    readonly projection: CostProjection;
    readonly now: number;
  },
): BudgetReport {
  const { budget, projection: p } = options;
  const base = { billed_usd: p.billed_usd, projected_billed_usd: p.projected_billed_usd };
  if (budget.monthly_usd === undefined) {
    return { monthly_usd: null, ...base, percent_used: null, projected_percent: null, alerts: [] };
  }
  const budgetNanos = usdToNanos(budget.monthly_usd);
  const found = crossings(budgetNanos, { percents: budget.alert_percents, projection: p });
  return {
    monthly_usd: budget.monthly_usd,
    ...base,
    percent_used: round((p.billed_nanos / budgetNanos) * 100, 2),
    projected_percent: round((p.projected_billed_nanos / budgetNanos) * 100, 2),
    alerts: record(store, { found, now: options.now }),
  };
}
