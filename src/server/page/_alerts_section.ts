/**
 * The alerts section (open alerts, critical first, then newest) and the activity section (the
 * latest engine events and worker log lines, newest first).
 */
import type { ActivityLine, FleetAlert, FleetSnapshot } from "../../domain/mod.ts";
import { ago, count, utcClock } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { badge, empty, more, scrollTable, section } from "./_parts.ts";
import { severityBadge, type Tone } from "./_symbols.ts";

/** Alerts listed at most. */
const MAX_ALERT_ROWS = 50;
/** Activity lines listed at most. */
const MAX_ACTIVITY_ROWS = 20;

const RANK = { critical: 0, warning: 1, info: 2 } as const;

const ALERT_COLUMNS = [
  { title: "Severity" },
  { title: "Age", num: true },
  { title: "Subject" },
  { title: "Kind" },
  { title: "Message" },
];

function alertRow(a: FleetAlert, now: number): Html {
  const at = new Date(a.at).toISOString();
  return markup`<tr data-alert="${a.id}" data-severity="${a.severity}">
<td data-field="severity">${badge(severityBadge(a.severity))}</td>
<td data-field="age" class="num"><time datetime="${at}">${ago(a.at, now)}</time></td>
<th scope="row" data-field="subject">${a.subject}</th>
<td data-field="kind" class="muted">${a.kind}</td>
<td data-field="message" class="wrap">${a.message}</td>
</tr>
`;
}

/**
 * The alerts section.
 *
 * @param snapshot the fleet
 * @param now the current time
 * @returns markup
 */
export function alertsSection(snapshot: FleetSnapshot, now: number): Html {
  const open = snapshot.alerts.filter((a) => !a.acknowledged)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.at - a.at);
  const critical = open.filter((a) => a.severity === "critical").length;
  const note = `${count(open.length)} open${critical > 0 ? ` · ${critical} critical` : ""}`;
  if (open.length === 0) {
    const how = "FORGE raises one when a worker dies or gets stuck, or spend crosses the budget";
    return section("alerts", "Alerts", note, empty("No open alerts", how));
  }
  const shown = open.slice(0, MAX_ALERT_ROWS);
  return section("alerts", "Alerts", note, [
    scrollTable("alerts", ALERT_COLUMNS, shown.map((a) => alertRow(a, now))),
    more("alerts", open.length - shown.length, "more alerts"),
  ]);
}

const LEVEL: Readonly<Record<ActivityLine["level"], readonly [string, Tone]>> = {
  error: ["ERR", "danger"],
  warn: ["WRN", "warn"],
  info: ["INF", "info"],
  debug: ["DBG", "muted"],
};

const ACTIVITY_COLUMNS = [
  { title: "Time" },
  { title: "Level" },
  { title: "Source" },
  { title: "Message" },
];

function activityRow(l: ActivityLine): Html {
  const [word, tone] = LEVEL[l.level];
  const at = new Date(l.at).toISOString();
  return markup`<tr data-level="${l.level}">\
<td class="muted"><time datetime="${at}">${utcClock(l.at).slice(0, 8)}</time></td>\
<td class="${tone}">${word}</td>\
<th scope="row" data-field="source">${l.source}</th>\
<td data-field="message" class="wrap">${l.message}</td></tr>
`;
}

/**
 * The activity section.
 *
 * @param snapshot the fleet
 * @returns markup
 */
export function activitySection(snapshot: FleetSnapshot): Html {
  const lines = snapshot.activity.slice(-MAX_ACTIVITY_ROWS).reverse();
  if (lines.length === 0) {
    const nothing = empty("No activity yet", "engine events and worker log lines show here");
    return section("activity", "Activity", "", nothing);
  }
  const table = scrollTable("activity", ACTIVITY_COLUMNS, lines.map(activityRow));
  return section("activity", "Activity", "newest first, UTC", table);
}
