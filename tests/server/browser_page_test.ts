/**
 * The status page in a real browser, against a stand-in server (tests/server/_page_server.ts)
 * whose /events stream the test drives: content and escaping as the browser parses them, live
 * updates without a reload, throttling, reconnecting with Last-Event-ID, the page with
 * JavaScript off, a phone screen and dark mode, and no CSP violation along the way.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { FleetSnapshot, WorkerId, WorkerState } from "../../src/domain/mod.ts";
import { escapeHtml } from "../../src/server/page/escape.ts";
import { fixtureSnapshot } from "../dashboard/_fixture.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { saveScreenshot } from "./_artifacts.ts";
import { type BrowserPage, findChromium, launchChromium } from "./_chromium.ts";
import { HOSTILE, hostileSnapshot } from "./_page_fixture.ts";
import { startPageServer } from "./_page_server.ts";

const WATCHED = "sonnet-alpha";

/** What the browser shows for a text: escapeHtml's output, parsed. */
function shown(text: string): string {
  return escapeHtml(text).replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

function withWorker(snap: FleetSnapshot, id: string, state: WorkerState): FleetSnapshot {
  const at = snap.at + 1000;
  const known = snap.workers.some((w) => w.view.id === id);
  const template = snap.workers[0]!;
  const workers = known ? snap.workers : [...snap.workers, {
    ...template,
    view: { ...template.view, id: id as WorkerId },
  }];
  return {
    ...snap,
    at,
    workers: workers.map((w) =>
      w.view.id === id ? { ...w, view: { ...w.view, status: { ...w.view.status, state } } } : w
    ),
  };
}

function stateOf(id: string): string {
  return `document.querySelector('[data-worker="${id}"] [data-field="state"]')?.textContent`;
}

const LIVE = `document.getElementById("live").dataset.state`;

async function openLive(page: BrowserPage, url: string): Promise<void> {
  await page.navigate(url);
  await page.waitFor(`${LIVE} === "connected"`, { what: "the live pill to say connected" });
  await page.evaluate("window.__forgeMarker = 1");
}

Deno.test("the status page in Chromium: content, live updates, reconnects, no-JS, phone", async (t) => {
  await using server = startPageServer(hostileSnapshot());
  await using browser = await launchChromium();
  const page = await browser.newPage();
  await page.setViewport(1280, 900);

  await t.step(
    "hostile text arrives as text: no element injected, nothing escapes <main>",
    async () => {
      await page.navigate(server.url);
      const seen = await page.evaluate<Record<string, unknown>>(`(() => ({
      sections: [...document.querySelectorAll("main > section")].map((s) => s.id),
      mains: document.querySelectorAll("main").length,
      scripts: [...document.scripts].map((s) => s.getAttribute("src")),
      injected: document.querySelectorAll("main img, main svg, main iframe, main b").length,
      titles: [...document.querySelectorAll("[data-bead] [data-field=title]")].map((e) => e.textContent),
      model: document.querySelector("[data-worker] [data-field=model]").textContent,
      messages: [...document.querySelectorAll("[data-alert] [data-field=message]")].map((e) => e.textContent),
    }))()`);
      assert.deepEqual(seen.sections, [
        "summary",
        "problems",
        "workers",
        "tasks",
        "costs",
        "subscriptions",
        "alerts",
        "activity",
      ]);
      assert.equal(seen.mains, 1);
      assert.deepEqual(seen.scripts, ["/assets/forge.js"]);
      assert.equal(seen.injected, 0);
      assert.equal(seen.model, HOSTILE[0]);
      assert.deepEqual(new Set(seen.titles as string[]), new Set(HOSTILE.map(shown)));
      assert.deepEqual(seen.messages, HOSTILE.map(shown));
      assert.ok((seen.titles as string[]).includes(HOSTILE[0]!), "markup shows as typed");
    },
  );

  server.snapshot = fixtureSnapshot();
  await t.step("a snapshot event updates the page in place, without a reload", async () => {
    await openLive(page, server.url);
    await waitFor(() => server.openStreams === 1, { what: "one open event stream" });
    assert.equal(await page.evaluate(stateOf(WATCHED)), "active");
    const at = await page.evaluate<string>("document.querySelector('main').dataset.at");
    server.snapshot = withWorker(
      withWorker(server.snapshot!, WATCHED, "idle"),
      "sim-zulu",
      "starting",
    );
    server.announce();
    await page.waitFor(`${stateOf(WATCHED)} === "idle" && ${stateOf("sim-zulu")} === "starting"`, {
      what: `${WATCHED} idle and a new row for sim-zulu`,
    });
    assert.equal(await page.evaluate("window.__forgeMarker"), 1, "the page did not reload");
    assert.notEqual(await page.evaluate("document.querySelector('main').dataset.at"), at);
    assert.match(await page.evaluate<string>("document.title"), /^FORGE · \d+ workers/);
  });

  await t.step("a burst of events makes at most two fetches, 500 ms or more apart", async () => {
    const before = server.pageLoads.length;
    server.snapshot = withWorker(server.snapshot!, WATCHED, "paused");
    for (let i = 0; i < 10; i++) server.announce();
    await page.waitFor(`${stateOf(WATCHED)} === "paused"`, { what: `${WATCHED} paused` });
    const loads = server.pageLoads.slice(before);
    assert.ok(loads.length >= 1 && loads.length <= 2, `${loads.length} fetches for 10 events`);
    // The throttle's floor, not a speed goal: a slow machine only makes the gap longer.
    if (loads.length === 2) assert.ok(loads[1]! - loads[0]! >= 450, `${loads[1]! - loads[0]!} ms`);
    assert.equal(await page.evaluate("window.__forgeMarker"), 1);
  });

  await t.step(
    "a dropped stream shows as reconnecting, then resumes with Last-Event-ID",
    async () => {
      const loads = server.pageLoads.length;
      const lastId = server.announce();
      await waitFor(() => server.pageLoads.length > loads, {
        what: "the page to fetch the update",
      });
      const opens = server.streamOpens.length;
      const release = server.holdStreams();
      server.dropStreams();
      await page.waitFor(`${LIVE} === "reconnecting"`, {
        what: "the live pill to say reconnecting",
      });
      await waitFor(() => server.streamOpens.length > opens, { what: "the browser to reconnect" });
      assert.equal(server.streamOpens.at(-1), String(lastId));
      // Changed while the stream was down: the page catches up when it reconnects, unasked.
      server.snapshot = withWorker(server.snapshot!, WATCHED, "stopped");
      release();
      await page.waitFor(`${LIVE} === "connected" && ${stateOf(WATCHED)} === "stopped"`, {
        what: `connected again, and ${WATCHED} stopped`,
      });
      assert.equal(await page.evaluate("window.__forgeMarker"), 1);
      assert.equal(
        await page.evaluate(`document.querySelector('meta[http-equiv="refresh"]')`),
        null,
      );
    },
  );

  await t.step("a desktop screenshot", async () => {
    await saveScreenshot("status-page-fixture.png", await page.screenshot({ fullPage: true }), {
      width: 1280,
      height: 900,
    });
  });

  await t.step("with JavaScript off the page holds everything and refreshes itself", async () => {
    const plain = await browser.newPage();
    await plain.setScriptsEnabled(false);
    await plain.navigate(server.url);
    const seen = await plain.evaluate<Record<string, unknown>>(`(() => ({
      workers: document.querySelectorAll("[data-worker]").length,
      beads: document.querySelectorAll("[data-bead]").length,
      sections: document.querySelectorAll("main > section").length,
      live: document.getElementById("live").textContent,
      refresh: document.querySelector('meta[http-equiv="refresh"]')?.content,
    }))()`);
    assert.equal(seen.workers, server.snapshot!.workers.length);
    assert.ok((seen.beads as number) > 0);
    assert.equal(seen.sections, 7);
    assert.equal(seen.live, "refreshes every 10 s", "the script did not run");
    assert.equal(seen.refresh, "10");
    assert.deepEqual(plain.log.filter((l) => !/favicon/.test(l)), []);
  });

  await t.step("on a phone in dark mode only the tables scroll sideways", async () => {
    await page.setViewport(390, 844, true);
    await page.setColorScheme("dark");
    await openLive(page, server.url);
    const seen = await page.evaluate<Record<string, unknown>>(`(() => {
      const box = document.getElementById("workers-scroll");
      return {
        page: document.documentElement.scrollWidth,
        viewport: innerWidth,
        tableWider: box.scrollWidth > box.clientWidth,
        background: getComputedStyle(document.body).backgroundColor,
      };
    })()`);
    assert.equal(seen.viewport, 390);
    assert.ok((seen.page as number) <= 390, `the page is ${seen.page} px wide`);
    assert.equal(seen.tableWider, true);
    assert.equal(seen.background, "rgb(13, 17, 23)");
    await saveScreenshot("status-page-phone-dark.png", await page.screenshot(), {
      width: 390,
      height: 844,
    });
  });

  await t.step("no CSP violation, script error or failed load on the way", () => {
    assert.deepEqual(page.log.filter((l) => !/favicon/.test(l)), []);
  });
});

Deno.test("findChromium() finds chromium-browser too, and without either says how to install it", async () => {
  await using dir = await tempDir("forge_nochromium_");
  await assert.rejects(
    () => findChromium({ PATH: dir.path }),
    /neither chromium nor chromium-browser is on PATH\. \.ci\/run installs it \(apt package chromium\)/,
  );
  await Deno.writeTextFile(join(dir.path, "chromium-browser"), "#!/bin/sh\n");
  assert.equal(await findChromium({ PATH: dir.path }), join(dir.path, "chromium-browser"));
  assert.equal(
    await findChromium({ PATH: dir.path, CHROMIUM_BIN: "/opt/c/chrome" }),
    "/opt/c/chrome",
  );
});
