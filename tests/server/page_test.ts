import assert from "node:assert/strict";
import { escapeHtml } from "../../src/server/page/escape.ts";
import { renderStatusPage } from "../../src/server/page/render_page.ts";
import { PAGE_ASSETS } from "../../src/server/page/assets.ts";
import type { FleetSnapshot } from "../../src/domain/mod.ts";
import { FIXTURE_NOW, fixtureSnapshot } from "../dashboard/_fixture.ts";
import { HOSTILE, hostileSnapshot } from "./_page_fixture.ts";

const OPTIONS = { readOnly: false, now: FIXTURE_NOW };

/** Every start tag of a document, for attribute checks. */
function tags(doc: string): string[] {
  return doc.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

function rows(doc: string, attribute: string): string[] {
  return [...doc.matchAll(new RegExp(`<tr ${attribute}="([^"]*)"`, "g"))].map((m) => m[1]!);
}

Deno.test("escapeHtml() escapes markup characters and shows control characters as visible stand-ins", async (t) => {
  const cases: [string, string, string][] = [
    [
      "markup",
      `<a href="x">Tom & 'Jerry'</a>`,
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
    ],
    ["an entity stays literal text", "&amp;", "&amp;amp;"],
    ["ESC as ␛", "\u001b[31mred\u001b[0m", "␛[31mred␛[0m"],
    ["BEL and NUL", "\u0007\u0000", "␇␀"],
    ["DEL", "\u007f", "␡"],
    ["C1 CSI", "\u009b6n", "\uFFFD6n"],
    ["tab, newline and carriage return stay", "a\tb\nc\r\n", "a\tb\nc\r\n"],
    ["plain text and other scripts unchanged", "naïve 日本語 ✓", "naïve 日本語 ✓"],
  ];
  for (const [name, input, expected] of cases) {
    await t.step(name, () => assert.equal(escapeHtml(input), expected));
  }
});

Deno.test("renderStatusPage() renders a complete document with every section", () => {
  const snap = fixtureSnapshot();
  const doc = renderStatusPage(snap, OPTIONS);
  assert.ok(doc.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  assert.ok(doc.trimEnd().endsWith("</html>"));
  assert.match(doc, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(doc, /<meta name="color-scheme" content="light dark">/);
  assert.match(doc, /<link rel="stylesheet" href="\/assets\/forge.css">/);
  assert.match(doc, /<script src="\/assets\/forge.js" defer><\/script>/);
  assert.match(doc, /<noscript><meta http-equiv="refresh" content="10"><\/noscript>/);
  for (
    const id of ["summary", "workers", "tasks", "costs", "subscriptions", "alerts", "activity"]
  ) {
    assert.match(doc, new RegExp(`<section id="${id}"`), id);
  }
  assert.equal((doc.match(/<main /g) ?? []).length, 1);
  assert.deepEqual(rows(doc, "data-worker"), snap.workers.map((w) => w.view.id));
  assert.match(doc, /<div data-field="version"><dt>FORGE<\/dt><dd>0.1.0<\/dd><\/div>/);
  assert.match(doc, /<div data-field="cost-today"><dt>Today<\/dt><dd>\$18.17<\/dd><\/div>/);
  assert.match(doc, /<time datetime="2026-11-25T\d\d:03:27.000Z">/);
  assert.match(doc, /<tr data-period="month">/);
  assert.match(doc, /<meter min="0" max="100" low="80" high="99" optimum="0" value="82.6"/);
  assert.match(doc, /<tr data-plan="claude-max">/);
  assert.match(doc, /parked until/);
  const open = snap.alerts.filter((a) => !a.acknowledged).map((a) => String(a.id));
  assert.deepEqual(rows(doc, "data-alert").toSorted(), open.toSorted());
  assert.equal(rows(doc, "data-alert")[0], "11", "critical alerts come first");
});

Deno.test("renderStatusPage() lists beads in progress, then ready ones by score, and no others", () => {
  const snap = fixtureSnapshot({ beads: 30 });
  const doc = renderStatusPage(snap, OPTIONS);
  const listed = snap.tasks.filter((q) => q.state === "in_progress" || q.state === "ready");
  assert.deepEqual(rows(doc, "data-bead"), listed.map((q) => q.bead.id));
  const states = [...doc.matchAll(/<tr data-bead="[^"]*" data-state="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(states.lastIndexOf("in_progress") < states.indexOf("ready"), true);
  assert.match(doc, /<li data-count="blocked">.*\d+ blocked/);
});

Deno.test("renderStatusPage() caps the task list at 50 rows and says how many more there are", () => {
  const snap = fixtureSnapshot({ beads: 400 });
  const doc = renderStatusPage(snap, OPTIONS);
  const listed = snap.tasks.filter((q) => q.state === "in_progress" || q.state === "ready");
  assert.ok(listed.length > 50);
  assert.equal(rows(doc, "data-bead").length, 50);
  assert.match(
    doc,
    new RegExp(`<p class="more" data-more="tasks">… and ${listed.length - 50} more in progress`),
  );
});

Deno.test("renderStatusPage() shows hostile titles, models and messages only as escaped text", () => {
  const doc = renderStatusPage(hostileSnapshot(), OPTIONS);
  for (const text of HOSTILE) {
    assert.ok(!doc.includes(text), `raw ${JSON.stringify(text)} in the page`);
    assert.ok(doc.includes(escapeHtml(text)), `escaped ${JSON.stringify(text)} missing`);
  }
  assert.deepEqual(tags(doc).filter((t) => /^<(script|img|svg|iframe|object)\b/i.test(t)), [
    '<script src="/assets/forge.js" defer>',
  ]);
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(doc, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
  assert.equal((doc.match(/<\/main>/g) ?? []).length, 1, "no markup escapes <main>");
});

Deno.test("renderStatusPage() has no style attribute, no inline script and no event handler", () => {
  for (const snap of [fixtureSnapshot(), hostileSnapshot(), undefined]) {
    const doc = renderStatusPage(snap, { readOnly: true, now: FIXTURE_NOW });
    const all = tags(doc);
    assert.ok(all.length > 20);
    assert.deepEqual(all.filter((t) => /\sstyle\s*=/i.test(t)), []);
    assert.deepEqual(all.filter((t) => /\son[a-z]+\s*=/i.test(t)), []);
    assert.deepEqual(all.filter((t) => /^<script\b/i.test(t) && !/\ssrc="/.test(t)), []);
    assert.doesNotMatch(doc, /javascript:/i);
  }
});

Deno.test("renderStatusPage() shows a loading state before the first snapshot", () => {
  const doc = renderStatusPage(undefined, OPTIONS);
  assert.match(doc, /<title>FORGE · loading<\/title>/);
  assert.match(doc, /<section id="loading" class="panel" data-loading="true">/);
  assert.match(doc, /<main id="status" data-at="">/);
  assert.doesNotMatch(doc, /<section id="workers"/);
  assert.match(doc, /<script src="\/assets\/forge.js" defer>/, "it updates itself once ready");
});

Deno.test("renderStatusPage() says read-only only when actions are off", () => {
  const on = renderStatusPage(fixtureSnapshot(), { readOnly: true, now: FIXTURE_NOW });
  const off = renderStatusPage(fixtureSnapshot(), { readOnly: false, now: FIXTURE_NOW });
  assert.match(on, /<body data-read-only="true">/);
  assert.match(on, /data-field="read-only"[^>]*>read-only<\/span>/);
  assert.match(off, /<body data-read-only="false">/);
  assert.doesNotMatch(off, /data-field="read-only"/);
});

Deno.test("renderStatusPage() shows an observer, a stopped engine, problems and stale data", () => {
  const base = fixtureSnapshot();
  const snap: FleetSnapshot = {
    ...base,
    role: "observer",
    engine: { running: false, pid: undefined, maxWorkers: undefined, stopping: false },
    problems: ["store: database is locked"],
  };
  const doc = renderStatusPage(snap, { readOnly: true, now: base.at + 125_000 });
  assert.match(doc, /<dt>Role<\/dt><dd><span class="warn">observer<\/span>/);
  assert.match(doc, /<dt>Engine<\/dt><dd><span class="danger">not running<\/span>/);
  assert.match(doc, /<section id="problems"[^]*<li>store: database is locked<\/li>/);
  assert.match(doc, /UTC<\/time> \(2m ago\)/);
});

Deno.test("renderStatusPage() says what to do when the fleet is empty", () => {
  const base = fixtureSnapshot();
  const snap: FleetSnapshot = {
    ...base,
    workers: [],
    tasks: [],
    counts: { ready: 0, inProgress: 0, blocked: 0, deferred: 0 },
    costs: undefined,
    costByModel: [],
    plans: [],
    alerts: [],
    activity: [],
  };
  const doc = renderStatusPage(snap, OPTIONS);
  for (const what of ["No workers yet", "No open beads in 3 workspaces", "No cost data yet"]) {
    assert.match(doc, new RegExp(`<p class="empty"><strong>${what}</strong>`), what);
  }
  for (const what of ["No subscription plans", "No open alerts", "No activity yet"]) {
    assert.match(doc, new RegExp(`<p class="empty"><strong>${what}</strong>`), what);
  }
  assert.doesNotMatch(doc, /<table/);
});

Deno.test("PAGE_ASSETS serves the stylesheet and the script with their types, and no unsafe DOM call", () => {
  const css = PAGE_ASSETS["/assets/forge.css"]!;
  const js = PAGE_ASSETS["/assets/forge.js"]!;
  assert.deepEqual(Object.keys(PAGE_ASSETS).toSorted(), ["/assets/forge.css", "/assets/forge.js"]);
  assert.equal(css.type, "text/css; charset=utf-8");
  assert.equal(js.type, "text/javascript; charset=utf-8");
  assert.match(css.body, /@media \(prefers-color-scheme: dark\)/);
  assert.match(css.body, /\.scroll \{ overflow-x: auto;/);
  assert.doesNotMatch(css.body, /@import|url\(/, "nothing loaded from elsewhere");
  new Function(js.body); // parses
  assert.match(js.body, /new EventSource\("\/events"\)/);
  assert.match(js.body, /addEventListener\("snapshot"/);
  for (
    const unsafe of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/]
  ) {
    assert.doesNotMatch(js.body, unsafe);
  }
  assert.doesNotMatch(js.body, /new Function/);
});
