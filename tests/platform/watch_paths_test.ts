import assert from "node:assert/strict";
import { join } from "node:path";
import { watchPaths } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";

Deno.test("watchPaths() wakes once for a burst and says which files changed", async () => {
  await using dir = await tempDir("forge_watch_");
  const watcher = watchPaths([dir.path, join(dir.path, "missing")], { coalesceMs: 30 });
  try {
    const woke = watcher.next();
    const a = join(dir.path, "a.json");
    const b = join(dir.path, "b.json");
    await Deno.writeTextFile(a, "1");
    await Deno.writeTextFile(b, "2");
    const paths = await woke;
    assert.ok(paths.includes(a) && paths.includes(b), `got ${JSON.stringify(paths)}`);

    // Changes while nobody waits are kept for the next call, and each path is reported once.
    await Deno.writeTextFile(a, "3");
    await Deno.writeTextFile(a, "4");
    const later = await watcher.next();
    assert.deepEqual(later, [a]);
  } finally {
    watcher.close();
  }
});

Deno.test("watchPaths() rejects a wait when its signal aborts", async () => {
  await using dir = await tempDir("forge_watch_");
  const watcher = watchPaths([dir.path], { coalesceMs: 10 });
  try {
    const stop = new AbortController();
    const waiting = watcher.next(stop.signal);
    stop.abort(new Error("stopped"));
    await assert.rejects(waiting, /stopped/);
  } finally {
    watcher.close();
  }
});

Deno.test("watchPaths() leaves no listener on a long-lived signal after each wake-up", async () => {
  await using dir = await tempDir("forge_watch_");
  const watcher = watchPaths([dir.path], { coalesceMs: 5 });
  const stop = new AbortController();
  let listeners = 0;
  const add = stop.signal.addEventListener.bind(stop.signal);
  const remove = stop.signal.removeEventListener.bind(stop.signal);
  stop.signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof add;
  stop.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  }) as typeof remove;
  try {
    for (let i = 0; i < 20; i++) {
      const woke = watcher.next(stop.signal);
      await Deno.writeTextFile(join(dir.path, `s${i}.json`), String(i));
      await woke;
    }
    assert.equal(listeners, 0, "every wake-up took its abort listener away");
  } finally {
    watcher.close();
  }
});
