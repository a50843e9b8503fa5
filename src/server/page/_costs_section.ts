/**
 * The costs section: spend today, this week and this month (at list price, and the billed
 * pay-per-token part), the month-end projection against the budget, and today's spend by model.
 */
import type { CostReport, CostRowReport, FleetSnapshot } from "../../domain/mod.ts";
import { compact, count, percent, usd } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { empty, more, scrollTable, section } from "./_parts.ts";

/** Models listed at most. */
const MAX_MODEL_ROWS = 20;

const FIGURES = [
  { title: "Cost", num: true },
  { title: "Billed", num: true },
  { title: "Calls", num: true },
  { title: "Tokens", num: true },
];

function periods(costs: CostReport): Html {
  const rows = [
    ["today", "Today", costs.today],
    ["week", "Week", costs.week],
    ["month", "Month", costs.month],
  ] as const;
  return scrollTable(
    "cost-periods",
    [{ title: "Period" }, ...FIGURES],
    rows.map(([key, name, p]) =>
      markup`<tr data-period="${key}"><th scope="row">${name}</th>\
<td data-field="cost" class="num strong">${usd(p.cost_usd)}</td>\
<td data-field="billed" class="num">${usd(p.billed_usd)}</td>\
<td class="num">${count(p.calls)}</td>\
<td class="num muted">${compact(p.tokens.total)}</td></tr>
`
    ),
  );
}

function budget(costs: CostReport): Html {
  const b = costs.budget;
  const p = costs.projection;
  const rough = p.confidence < 1 ? " · early in the month, a rough estimate" : "";
  const day = `day ${Math.max(1, Math.ceil(p.days_elapsed))} of ${p.days_in_month}${rough}`;
  const total = markup`<p class="muted">Month total <strong>${usd(p.projected_total_usd)}</strong> \
= ${usd(p.projected_billed_usd)} billed + ${usd(p.subscription_fees_usd)} plan fees</p>
`;
  const projected = markup`<strong data-field="projected">${usd(p.projected_billed_usd)}</strong>`;
  if (b.monthly_usd === null) {
    return markup`<div class="budget" data-field="budget">
<p>Month-end projection ${projected} billed · no monthly budget set</p>
<p class="muted">spent ${usd(b.billed_usd)} · ${day}</p>
${total}</div>
`;
  }
  const pct = Math.min(100, Math.max(0, b.projected_percent ?? 0));
  return markup`<div class="budget" data-field="budget">
<p>Month-end projection ${projected} billed of the ${usd(b.monthly_usd)} budget \
(${percent(b.projected_percent)})</p>
<meter min="0" max="100" low="80" high="99" optimum="0" value="${pct}" \
aria-label="Projected share of the monthly budget">${percent(b.projected_percent)}</meter>
<p class="muted">spent ${usd(b.billed_usd)} (${percent(b.percent_used)}) · ${day}</p>
${total}</div>
`;
}

function byModel(rows: readonly CostRowReport[]): Html {
  const shown = rows.slice(0, MAX_MODEL_ROWS);
  const body = shown.map((r) =>
    markup`<tr data-model="${r.key ?? "other"}"><th scope="row">${r.key ?? "other"}</th>\
<td class="num strong">${usd(r.cost_usd)}</td>\
<td class="num">${usd(r.billed_usd)}</td>\
<td class="num">${count(r.calls)}</td>\
<td class="num muted">${compact(r.tokens.total)}</td></tr>
`
  );
  return markup`<h3>By model, today</h3>
${scrollTable("cost-models", [{ title: "Model" }, ...FIGURES], body)}\
${more("cost-models", rows.length - shown.length, "more models")}`;
}

/**
 * The costs section.
 *
 * @param snapshot the fleet
 * @returns markup
 */
export function costsSection(snapshot: FleetSnapshot): Html {
  const costs = snapshot.costs;
  if (costs === undefined) {
    const nothing = empty("No cost data yet", "costs appear once workers log token usage");
    return section("costs", "Costs", "", nothing);
  }
  return section("costs", "Costs", `${usd(costs.today.cost_usd)} today`, [
    periods(costs),
    budget(costs),
    snapshot.costByModel.length === 0 ? undefined : byModel(snapshot.costByModel),
  ]);
}
