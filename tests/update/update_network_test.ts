/**
 * `forge update` end to end against the release server: conditional requests and the cached
 * manifest, the rate limit, a redirect to a second origin without credentials (row 24), and an
 * unreachable server (row 25 c).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closedPortUrl, listDir, type UpdateSandbox, updateSandbox } from "./_release_fixture.ts";
import { startReleaseServer } from "./_release_server.ts";

const ASSET = `/forge-9.9.10-${Deno.build.target}`;

async function readState(sb: UpdateSandbox): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(join(sb.home, "state", "update.json")));
}

Deno.test("forge update revalidates the manifest with If-None-Match and verifies the cached copy (row 24)", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  const manifestRequests = () => sb.server.log.filter((r) => r.path === "/manifest.json");

  await t.step(
    "the second check sends the ETag and gets 304; nothing else is fetched",
    async () => {
      assert.equal((await sb.forge(["update", "--check"])).code, 0);
      const etag = (await readState(sb) as { cache: { etag: string } }).cache.etag;
      assert.match(etag, /^".+"$/);
      const before = sb.server.log.length;
      const again = await sb.forge(["update", "--check"]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /forge 9\.9\.10 is available/);
      const second = sb.server.log.slice(before);
      assert.deepEqual(second.map((r) => [r.path, r.status]), [["/manifest.json", 304]]);
      assert.equal(second[0]?.headers["if-none-match"], etag);
    },
  );

  await t.step(
    "a tampered cached copy is refused (exit 4), then fetched again in full",
    async () => {
      const state = await readState(sb) as { cache: { manifest: string } };
      const text = new TextDecoder().decode(
        Uint8Array.from(atob(state.cache.manifest), (c) => c.charCodeAt(0)),
      );
      assert.ok(text.includes(`"stable": "9.9.10"`));
      const forged = new TextEncoder().encode(
        text.replace(`"stable": "9.9.10"`, `"stable": "9.9.1"`),
      );
      state.cache.manifest = btoa(String.fromCharCode(...forged));
      await Deno.writeTextFile(join(sb.home, "state", "update.json"), JSON.stringify(state));

      const before = sb.server.log.length;
      const out = await sb.forge(["update", "--yes"]);
      assert.equal(out.code, 4, out.stderr);
      assert.match(out.stderr, /the release manifest's signature is invalid \(key [0-9A-F]{8}…\)/);
      assert.deepEqual(sb.server.log.slice(before).map((r) => r.status), [304]);
      assert.equal(await sb.installedVersion(), "9.9.9");
      assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);

      const healed = await sb.forge(["update", "--check"]);
      assert.equal(healed.code, 0, healed.stderr);
      const last = manifestRequests().at(-1);
      assert.equal(last?.status, 200, "a full fetch, not another 304 of the bad copy");
      assert.equal(last?.headers["if-none-match"], undefined);
    },
  );
});

Deno.test("forge update backs off on a rate limit until its reset and says when (row 24)", async () => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  const now = Date.parse("2026-08-23T13:42:00Z");
  const at = (ms: number) => ({ FORGE_TEST_NOW: new Date(ms).toISOString() });
  sb.server.faults.set("/manifest.json", { kind: "rate-limit", resetAt: now + 23 * 60_000 });

  const limited = await sb.forge(["update", "--yes"], at(now));
  assert.equal(limited.code, 6, limited.stderr);
  assert.match(
    limited.stderr,
    /rate limit was reached \(HTTP 403\)\. It resets at 14:05 UTC \(in 23 min\)/,
  );
  const before = sb.server.log.length;
  for (const args of [["update", "--yes"], ["update", "--check"]]) {
    const waiting = await sb.forge(args, at(now + 10 * 60_000));
    assert.equal(waiting.code, 6, waiting.stderr);
    assert.match(waiting.stderr, /wait until 14:05 UTC/);
  }
  assert.equal(sb.server.log.length, before, "no request before the reset");
  assert.equal(await sb.installedVersion(), "9.9.9");
  assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);

  sb.server.faults.clear();
  const after = await sb.forge(["update", "--yes"], at(now + 24 * 60_000));
  assert.equal(after.code, 0, after.stderr);
  assert.equal(await sb.installedVersion(), "9.9.10");
});

Deno.test("forge update follows a 302 to a second origin and never sends credentials (row 24)", async () => {
  await using sb = await updateSandbox("9.9.9");
  await using cdn = startReleaseServer();
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  cdn.files.set(ASSET, sb.server.files.get(ASSET)!);
  sb.server.faults.set(ASSET, { kind: "redirect", to: cdn.url });

  const out = await sb.forge(["update", "--yes"], {
    FORGE_GITHUB_TOKEN: "ghp_forge_secret_1",
    GITHUB_TOKEN: "ghp_forge_secret_2",
  });
  assert.equal(out.code, 0, out.stderr);
  assert.equal(await sb.installedVersion(), "9.9.10");
  assert.deepEqual(
    sb.server.log.filter((r) => r.path === ASSET).map((r) => r.status),
    [302],
  );
  assert.deepEqual(cdn.log.map((r) => [r.path, r.status]), [[ASSET, 200]]);
  for (const r of [...sb.server.log, ...cdn.log]) {
    assert.equal(r.headers["authorization"], undefined, `${r.path} carried Authorization`);
    assert.doesNotMatch(JSON.stringify(r.headers), /secret/, `${r.path} carried a token`);
  }
});

Deno.test("forge update names the host it cannot reach and changes nothing (row 25 c)", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });

  await t.step("the manifest's server: exit 6", async () => {
    const closed = closedPortUrl();
    for (const args of [["update", "--yes"], ["update", "--check"]]) {
      const out = await sb.forge(args, { FORGE_UPDATE_BASE_URL: closed });
      assert.equal(out.code, 6, out.stderr);
      assert.match(
        out.stderr,
        new RegExp(
          `forge update: could not reach ${closed} \\(connection refused\\)\\. ` +
            "Check your network or HTTPS_PROXY",
        ),
      );
    }
  });

  await t.step("the server a manifest redirect leads to: exit 6 naming that one", async () => {
    const closed = closedPortUrl();
    sb.server.faults.set("/manifest.json", { kind: "redirect", to: closed });
    const out = await sb.forge(["update", "--yes"]);
    sb.server.faults.clear();
    assert.equal(out.code, 6, out.stderr);
    assert.match(out.stderr, new RegExp(`could not reach ${closed} \\(connection refused\\)`));
  });

  await t.step("the asset's server (after a redirect): exit 6, nothing left behind", async () => {
    const closed = closedPortUrl();
    sb.server.faults.set(ASSET, { kind: "redirect", to: closed });
    const out = await sb.forge(["update", "--yes"]);
    sb.server.faults.clear();
    assert.equal(out.code, 6, out.stderr);
    assert.match(out.stderr, new RegExp(`could not reach ${closed} \\(connection refused\\)`));
  });

  assert.equal(await sb.installedVersion(), "9.9.9");
  assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  assert.equal(
    await Deno.stat(join(sb.home, "state", "versions")).then(() => true, () => false),
    false,
    "no backup was made",
  );
});
