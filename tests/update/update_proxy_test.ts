/**
 * `forge update` end to end through proxies, over https with a private CA, and offline (spec
 * row 25 a, b, d). Deno's `fetch` takes HTTP_PROXY for http URLs and HTTPS_PROXY (CONNECT) for
 * https ones, loopback included: only NO_PROXY exempts a host.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { startForwardProxy } from "./_forward_proxy.ts";
import { closedPortUrl, listDir, type UpdateSandbox, updateSandbox } from "./_release_fixture.ts";
import { startReleaseServer } from "./_release_server.ts";
import { hasOpenssl, makeTestCertificate } from "./_tls_cert.ts";

const ASSET = `/forge-9.9.10-${Deno.build.target}`;
/**
 * No proxy settings from the machine running the tests, and no upgrade check by the Deno CLI
 * that runs the test build (it would go through the proxy too).
 */
const NO_PROXIES = {
  HTTP_PROXY: "",
  HTTPS_PROXY: "",
  ALL_PROXY: "",
  NO_PROXY: "",
  DENO_NO_UPDATE_CHECK: "1",
};

/**
 * Runs the update command once without proxies, so the Deno CLI running the test build has all
 * its modules cached before a proxy could stand in the way of fetching them.
 */
async function warmUp(sb: UpdateSandbox): Promise<void> {
  const out = await sb.forge(["update", "--check"], NO_PROXIES);
  assert.equal(out.code, 0, out.stderr);
}

Deno.test("forge update goes through HTTP_PROXY, skips it for NO_PROXY hosts, names a dead one (row 25 a)", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  await using proxy = startForwardProxy();
  await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
  await warmUp(sb);

  await t.step("a dead proxy: exit 6 naming the host and the proxy", async () => {
    const dead = closedPortUrl();
    const before = sb.server.log.length;
    const out = await sb.forge(["update", "--yes"], { ...NO_PROXIES, HTTP_PROXY: dead });
    assert.equal(out.code, 6, out.stderr);
    assert.match(
      out.stderr,
      new RegExp(`could not reach ${sb.server.url} \\(connection refused via proxy ${dead}\\)`),
    );
    assert.equal(sb.server.log.length, before, "nothing reached the server");
    const https = `https://127.0.0.1:${new URL(closedPortUrl()).port}`;
    const tls = await sb.forge(["update", "--yes"], {
      ...NO_PROXIES,
      HTTPS_PROXY: dead,
      FORGE_UPDATE_BASE_URL: https,
    });
    assert.equal(tls.code, 6, tls.stderr);
    assert.match(tls.stderr, new RegExp(`could not reach ${https} \\(.+ via proxy ${dead}\\)`));
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  });

  await t.step(
    "NO_PROXY names the release host: the proxy is neither used nor blamed",
    async () => {
      const out = await sb.forge(["update", "--check"], {
        ...NO_PROXIES,
        HTTP_PROXY: proxy.url,
        NO_PROXY: "127.0.0.1",
      });
      assert.equal(out.code, 0, out.stderr);
      assert.equal(proxy.log.length, 0);
      const closed = closedPortUrl();
      const refused = await sb.forge(["update", "--check"], {
        ...NO_PROXIES,
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: "127.0.0.1",
        FORGE_UPDATE_BASE_URL: closed,
      });
      assert.equal(refused.code, 6, refused.stderr);
      assert.match(
        refused.stderr,
        new RegExp(`could not reach ${closed} \\(connection refused\\)\\.`),
      );
    },
  );

  await t.step("a working proxy: every request traverses it and the update installs", async () => {
    const before = sb.server.log.length;
    const out = await sb.forge(["update", "--yes"], { ...NO_PROXIES, HTTP_PROXY: proxy.url });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(await sb.installedVersion(), "9.9.10");
    const targets = proxy.log.map((r) => `${r.method} ${r.target}`);
    // The manifest is revalidated (the check above cached it), then the asset is fetched.
    for (const path of ["/manifest.json", ASSET]) {
      assert.ok(targets.includes(`GET ${sb.server.url}${path}`), `${path} via the proxy`);
    }
    assert.equal(proxy.log.length, sb.server.log.length - before, "nothing went around it");
  });
});

Deno.test({
  name:
    "forge update over https: a private CA needs DENO_CERT, and HTTPS_PROXY tunnels with CONNECT (row 25 a, b)",
  ignore: !await hasOpenssl(),
  fn: async () => {
    await using sb = await updateSandbox("9.9.9");
    const tls = await makeTestCertificate(sb.root);
    await using server = startReleaseServer({ cert: tls.cert, key: tls.key });
    await using proxy = startForwardProxy();
    await sb.publish([{ version: "9.9.10" }], { stable: "9.9.10", manifestVersion: 1 });
    for (const [path, bytes] of sb.server.files) server.files.set(path, bytes);
    await warmUp(sb);
    const base = { ...NO_PROXIES, FORGE_UPDATE_BASE_URL: server.url };

    const untrusted = await sb.forge(["update", "--yes"], base);
    assert.equal(untrusted.code, 6, untrusted.stderr);
    assert.match(
      untrusted.stderr,
      new RegExp(`could not reach ${server.url} \\(TLS certificate not trusted\\)`),
    );
    assert.match(untrusted.stderr, /DENO_TLS_CA_STORE=system/);
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);

    const out = await sb.forge(["update", "--yes"], {
      ...base,
      DENO_CERT: tls.caFile,
      HTTPS_PROXY: proxy.url,
    });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(await sb.installedVersion(), "9.9.10");
    const authority = new URL(server.url).host;
    assert.ok(proxy.log.length > 0, "the proxy was used");
    assert.ok(proxy.log.every((r) => r.method === "CONNECT" && r.target === authority));
    assert.ok(server.log.some((r) => r.path === ASSET && r.status === 200));
  },
});

Deno.test("forge update --from-file --manifest installs offline with full verification (row 25 d)", async (t) => {
  await using sb = await updateSandbox("9.9.9");
  const offline = join(sb.root, "offline");
  await Deno.mkdir(offline);
  const at = (name: string) => join(offline, name);
  const publishOffline = async (behaviour: "ok" | "wrong-version", manifestVersion: number) => {
    const manifest = await sb.publish([{ version: "9.9.10", behaviour }], {
      stable: "9.9.10",
      manifestVersion,
    });
    await Deno.writeFile(at("manifest.json"), manifest);
    await Deno.writeFile(at("manifest.json.sig"), sb.server.files.get("/manifest.json.sig")!);
    await Deno.writeFile(at("forge"), sb.server.files.get(ASSET)!);
  };
  // No network at all: the release server is not configured and any proxy is dead.
  const dead = closedPortUrl();
  const offlineEnv = { FORGE_UPDATE_BASE_URL: dead, HTTP_PROXY: dead, HTTPS_PROXY: dead };
  const install = (binary: string, manifest = at("manifest.json")) =>
    sb.forge(["update", "--yes", "--from-file", binary, "--manifest", manifest], offlineEnv);
  const unchanged = async () => {
    assert.equal(await sb.installedVersion(), "9.9.9");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  };

  await t.step("a binary that fails its self-test: exit 8", async () => {
    await publishOffline("wrong-version", 1);
    const out = await install(at("forge"));
    assert.equal(out.code, 8, out.stderr);
    assert.match(out.stderr, /failed its self-test/);
    await unchanged();
  });

  await publishOffline("ok", 2);
  await t.step("one flipped byte in the binary: exit 4, checksum mismatch", async () => {
    const bytes = await Deno.readFile(at("forge"));
    bytes[40] = (bytes[40] ?? 0) ^ 0xff;
    await Deno.writeFile(at("forge-tampered"), bytes);
    const out = await install(at("forge-tampered"));
    assert.equal(out.code, 4, out.stderr);
    assert.match(
      out.stderr,
      new RegExp(`checksum mismatch for ${at("forge-tampered")} \\(expected [0-9a-f]{8}…, got`),
    );
    await unchanged();
  });

  await t.step("a binary of another size: exit 4", async () => {
    const bytes = await Deno.readFile(at("forge"));
    await Deno.writeFile(at("forge-longer"), new Uint8Array([...bytes, 0x0a]));
    const out = await install(at("forge-longer"));
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /has \d+ bytes, but the signed manifest says forge 9\.9\.10/);
    await unchanged();
  });

  await t.step("one flipped byte in the manifest: exit 4, signature invalid", async () => {
    const bytes = await Deno.readFile(at("manifest.json"));
    bytes[30] = (bytes[30] ?? 0) ^ 0x01;
    await Deno.writeFile(at("tampered.json"), bytes);
    await Deno.copyFile(at("manifest.json.sig"), at("tampered.json.sig"));
    const out = await install(at("forge"), at("tampered.json"));
    assert.equal(out.code, 4, out.stderr);
    assert.match(out.stderr, /the release manifest's signature is invalid/);
    await unchanged();
  });

  await t.step("the genuine files: installed, with no request anywhere", async () => {
    const out = await install(at("forge"));
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Installed forge 9\.9\.10 \(was 9\.9\.9\)/);
    assert.equal(await sb.installedVersion(), "9.9.10");
    assert.deepEqual(await listDir(join(sb.root, "bin")), ["forge"]);
  });

  assert.equal(sb.server.log.length, 0, "the release server was never asked");
});
