/**
 * The subscriptions section: each plan's quota used in its window as a meter, when it comes
 * back, whether usage runs ahead of the time passed, and plans parked after a usage limit.
 */
import type { FleetSnapshot, PlanUsageReport } from "../../domain/mod.ts";
import { compact, count, duration, percent, usd, utcClock } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { empty, scrollTable, section, toned } from "./_parts.ts";

const COLUMNS = [
  { title: "Plan" },
  { title: "Usage" },
  { title: "Used", num: true },
  { title: "Of limit" },
  { title: "Resets" },
  { title: "Pace" },
  { title: "Fee/mo", num: true },
];

function amount(plan: PlanUsageReport, n: number | null): string {
  if (n === null) return "∞";
  return plan.unit === "tokens" ? compact(n) : count(n);
}

function used(plan: PlanUsageReport): string {
  if (plan.unit === "unlimited") return `${count(plan.calls)} calls`;
  return `${amount(plan, plan.used)}/${amount(plan, plan.limit)} ${plan.unit}`;
}

function resets(plan: PlanUsageReport, now: number): Html | string {
  if (plan.resets_at === null) return "rolling window";
  const at = Date.parse(plan.resets_at);
  if (Number.isNaN(at)) return "-";
  const day = new Date(at).toISOString().slice(0, 10);
  return markup`in ${duration(at - now)} \
<time datetime="${new Date(at).toISOString()}" class="muted">(${day})</time>`;
}

function pace(plan: PlanUsageReport, snapshot: FleetSnapshot, now: number): Html | string {
  const parked = snapshot.parked.find((x) => x.name === plan.name && x.until > now);
  if (parked !== undefined) return toned("special", `⏸ parked until ${utcClock(parked.until)}`);
  switch (plan.pace) {
    case "ahead":
      return toned("warn", "▲ ahead of pace");
    case "on_pace":
      return "on pace";
    case "behind":
      return toned("ok", "under pace");
    case null:
      return "";
  }
}

function meter(plan: PlanUsageReport): Html {
  if (plan.percent_used === null) return markup`<span class="muted">no limit</span>`;
  const pct = Math.min(100, Math.max(0, plan.percent_used));
  return markup`<meter min="0" max="100" low="70" high="90" optimum="0" value="${pct}" \
aria-label="${plan.name}: share of the quota used">${percent(plan.percent_used)}</meter>`;
}

function row(plan: PlanUsageReport, snapshot: FleetSnapshot, now: number): Html {
  const fee = plan.monthly_cost_usd > 0 ? usd(plan.monthly_cost_usd) : "-";
  return markup`<tr data-plan="${plan.name}">
<th scope="row">${plan.name}</th>
<td data-field="meter">${meter(plan)}</td>
<td data-field="percent" class="num">${percent(plan.percent_used)}</td>
<td data-field="used">${used(plan)}</td>
<td data-field="resets">${resets(plan, now)}</td>
<td data-field="pace">${pace(plan, snapshot, now)}</td>
<td data-field="fee" class="num muted">${fee}</td>
</tr>
`;
}

/**
 * The subscriptions section.
 *
 * @param snapshot the fleet
 * @param now the current time
 * @returns markup
 */
export function plansSection(snapshot: FleetSnapshot, now: number): Html {
  const plans = snapshot.plans;
  const ahead = plans.filter((p) => p.pace === "ahead").length;
  const s = plans.length === 1 ? "" : "s";
  const note = `${count(plans.length)} plan${s}${ahead > 0 ? ` · ${ahead} ahead of pace` : ""}`;
  if (plans.length === 0) {
    const how = "add them under subscriptions: in the config (forge config path)";
    return section("subscriptions", "Subscriptions", note, empty("No subscription plans", how));
  }
  const rows = plans.map((p) => row(p, snapshot, now));
  return section("subscriptions", "Subscriptions", note, scrollTable("plans", COLUMNS, rows));
}
