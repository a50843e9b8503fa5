/**
 * The status page at `/`: one complete HTML document rendered on the server, readable with
 * JavaScript off. With JavaScript on, /assets/forge.js fetches this same page again whenever the
 * server announces a new snapshot and swaps in the new `<main>`, so this renderer stays the
 * only place that turns the fleet into HTML and every value is escaped here, on the server.
 * The page holds no inline script and no style attribute, so it works under a CSP that allows
 * only the page's own origin.
 */
import { type FleetSnapshot, HEALTHY_STATES } from "../../domain/mod.ts";
import { activitySection, alertsSection } from "./_alerts_section.ts";
import { costsSection } from "./_costs_section.ts";
import { ago, count, plural, usd, utcClock } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { plansSection } from "./_plans_section.ts";
import { tasksSection } from "./_tasks_section.ts";
import { workersSection } from "./_workers_section.ts";

/** How the page is rendered. */
export interface StatusPageOptions {
  /** No token is set, so actions are off: the page says so. */
  readonly readOnly: boolean;
  /** The current time, for ages and countdowns. */
  readonly now: number;
}

const NAV = markup`<nav aria-label="Sections"><ul>\
<li><a href="#workers">Workers</a></li><li><a href="#tasks">Tasks</a></li>\
<li><a href="#costs">Costs</a></li><li><a href="#subscriptions">Subscriptions</a></li>\
<li><a href="#alerts">Alerts</a></li><li><a href="#activity">Activity</a></li></ul></nav>`;

const READ_ONLY = markup`<span class="pill warn" data-field="read-only" \
title="Actions need a token: start forge serve with --token">read-only</span> `;

const LOADING = markup`<section id="loading" class="panel" data-loading="true">
<h2>Loading the fleet…</h2>
<p>FORGE is gathering its first snapshot of workers, beads and costs; this page fills in by \
itself.</p>
</section>
`;

function engineText(s: FleetSnapshot): Html {
  const e = s.engine;
  if (e.stopping) return markup`<span class="warn">stopping…</span>`;
  if (!e.running) return markup`<span class="danger">not running</span>`;
  const pid = e.pid === undefined ? "" : ` · pid ${e.pid}`;
  return markup`<span class="ok">running</span><span class="muted">${pid}</span>`;
}

function liveWorkers(s: FleetSnapshot): number {
  return s.workers.filter((w) => HEALTHY_STATES.has(w.view.status.state)).length;
}

function workersText(s: FleetSnapshot): Html {
  // Running workers in trouble, and unreadable status files; ended workers are history.
  const sick =
    s.workers.filter((w) =>
      (HEALTHY_STATES.has(w.view.status.state) && w.view.health !== "healthy") ||
      w.view.status.state === "error"
    ).length;
  const n = `${count(liveWorkers(s))} live`;
  if (sick === 0) return markup`${n}`;
  return markup`${n}, <span class="warn">${count(sick)} unhealthy</span>`;
}

function fact(field: string, term: string, value: Html | string): Html {
  return markup`<div data-field="${field}"><dt>${term}</dt><dd>${value}</dd></div>
`;
}

function summary(s: FleetSnapshot, now: number): Html {
  const open = s.alerts.filter((a) => !a.acknowledged).length;
  const stale = now - s.at >= 5_000 ? ` (${ago(s.at, now)} ago)` : "";
  const updated = markup`<time datetime="${new Date(s.at).toISOString()}">${
    utcClock(s.at)
  }</time>${stale}`;
  const role = s.role === "observer" ? markup`<span class="warn">observer</span>` : "orchestrator";
  const alerts = open === 0 ? "none open" : markup`<span class="warn">${count(open)} open</span>`;
  return markup`<section id="summary" class="summary" aria-label="Summary">
<dl>
${fact("version", "FORGE", s.version)}${fact("role", "Role", role)}\
${fact("engine", "Engine", engineText(s))}\
${fact("workspaces", "Workspaces", count(s.workspaces.length))}\
${fact("workers", "Workers", workersText(s))}\
${fact("cost-today", "Today", s.costs === undefined ? "-" : usd(s.costs.today.cost_usd))}\
${fact("alerts", "Alerts", alerts)}${fact("updated", "Updated", updated)}</dl>
</section>
`;
}

function problems(s: FleetSnapshot): Html | undefined {
  if (s.problems.length === 0) return undefined;
  return markup`<section id="problems" class="panel problems" role="status">
<h2>Could not read everything</h2>
<ul>${s.problems.map((p) => markup`<li>${p}</li>`)}</ul>
</section>
`;
}

function content(snapshot: FleetSnapshot | undefined, now: number): Html {
  if (snapshot === undefined) return LOADING;
  return markup`${summary(snapshot, now)}${problems(snapshot)}${workersSection(snapshot)}\
${tasksSection(snapshot)}${costsSection(snapshot)}${plansSection(snapshot, now)}\
${alertsSection(snapshot, now)}${activitySection(snapshot)}`;
}

function title(snapshot: FleetSnapshot | undefined): string {
  if (snapshot === undefined) return "FORGE · loading";
  const costs = snapshot.costs;
  const today = costs === undefined ? "" : ` · ${usd(costs.today.cost_usd)} today`;
  return `FORGE · ${plural(liveWorkers(snapshot), "worker")}${today}`;
}

/**
 * Renders the status page.
 *
 * @param snapshot the fleet, or undefined while the first snapshot is being gathered
 * @param options read-only mode and the current time
 * @returns a complete HTML5 document
 */
export function renderStatusPage(
  snapshot: FleetSnapshot | undefined,
  options: StatusPageOptions,
): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title(snapshot)}</title>
<link rel="stylesheet" href="/assets/forge.css">
<script src="/assets/forge.js" defer></script>
<!-- Without JavaScript there are no live events, so the page reloads itself every 10 s instead.
     Inside noscript, a browser that runs the script never reloads: it updates in place. -->
<noscript><meta http-equiv="refresh" content="10"></noscript>
</head>
<body data-read-only="${String(options.readOnly)}">
<header class="top">
<h1>FORGE <span class="muted">status</span></h1>
<p class="status-line">${options.readOnly ? READ_ONLY : ""}\
<span id="live" class="pill" data-state="static" role="status">refreshes every 10 s</span></p>
${NAV}
</header>
<main id="status" data-at="${snapshot?.at ?? ""}">
${content(snapshot, options.now)}</main>
<footer class="muted">
<p>FORGE status page · <a href="/api/status">JSON</a> · <a href="/metrics">metrics</a></p>
</footer>
</body>
</html>
`.toString();
}
