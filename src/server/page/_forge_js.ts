/**
 * forge.js: live updates for the status page, plain ES2020 with no dependency. It listens to
 * /events; on each `snapshot` event it fetches `/` again and swaps in the new `<main>`, so the
 * server's renderer stays the only source of markup (and of escaping); the script itself never
 * writes markup, only nodes the browser parsed from the server's page and text. Refreshes are
 * throttled to one per 500 ms; the `#live` pill says whether updates are live. EventSource
 * reconnects by itself (sending Last-Event-ID); when the server refuses the stream outright it
 * gives up, so the script then opens a new one with a growing delay.
 */

/** The script served at /assets/forge.js (no template literals inside: it is one itself). */
export const FORGE_JS = `"use strict";
(() => {
  const live = document.getElementById("live");
  const main = document.querySelector("main");
  if (live === null || main === null || typeof DOMParser !== "function") return;

  const MIN_GAP_MS = 500;
  let lastStart = 0;
  let timer = 0;
  let busy = false;
  let wanted = false;
  let source = null;
  let retryMs = 1000;

  const show = (state, text) => {
    live.dataset.state = state;
    live.textContent = text;
  };

  // Tables scroll sideways in their own boxes on phones: keep each box where the reader left it.
  const keepScroll = () => {
    const saved = [];
    for (const box of main.querySelectorAll(".scroll[id]")) saved.push([box.id, box.scrollLeft]);
    return () => {
      for (const [id, left] of saved) {
        const box = document.getElementById(id);
        if (box !== null) box.scrollLeft = left;
      }
    };
  };

  const refresh = async () => {
    busy = true;
    wanted = false;
    lastStart = Date.now();
    try {
      const response = await fetch("/", {
        headers: { Accept: "text/html" },
        cache: "no-store",
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error("the status page answered " + response.status);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const next = page.querySelector("main");
      if (next === null) throw new Error("the status page has no <main>");
      const restore = keepScroll();
      main.replaceChildren(...Array.from(next.childNodes, (n) => document.importNode(n, true)));
      main.dataset.at = next.dataset.at || "";
      document.title = page.title;
      restore();
      if (source !== null && source.readyState === EventSource.OPEN) show("connected", "live");
    } catch (error) {
      show("stale", "update failed, waiting for the next one");
    } finally {
      busy = false;
      if (wanted) schedule();
    }
  };

  const schedule = () => {
    wanted = true;
    if (busy || timer !== 0) return;
    const wait = Math.max(0, lastStart + MIN_GAP_MS - Date.now());
    timer = setTimeout(() => {
      timer = 0;
      refresh();
    }, wait);
  };

  const connect = () => {
    show("connecting", "connecting…");
    const es = new EventSource("/events");
    source = es;
    es.addEventListener("open", () => {
      retryMs = 1000;
      show("connected", "live");
      // Whatever changed while the stream was down (or since the page was served) shows now.
      schedule();
    });
    es.addEventListener("snapshot", () => {
      show("connected", "live");
      schedule();
    });
    es.addEventListener("error", () => {
      if (es.readyState !== EventSource.CLOSED) {
        show("reconnecting", "reconnecting…");
        return;
      }
      es.close();
      if (source === es) source = null;
      show("reconnecting", "reconnecting in " + Math.round(retryMs / 1000) + " s…");
      setTimeout(() => {
        if (source === null) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
    });
  };

  if (typeof EventSource !== "function") {
    // No live events in this browser: poll at the pace of the no-script refresh instead.
    setInterval(schedule, 10000);
    return;
  }
  addEventListener("pagehide", () => {
    if (source !== null) source.close();
    source = null;
  });
  addEventListener("pageshow", (event) => {
    if (event.persisted && source === null) connect();
  });
  connect();
})();
`;
