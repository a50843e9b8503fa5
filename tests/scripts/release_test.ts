import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { CHANNEL, VERSION } from "../../src/cli/version.ts";
import { generateKeyPair } from "../../src/update/ed25519.ts";
import { TARGETS } from "../../src/update/manifest_schema.ts";
import { artifactName } from "../../scripts/_release_artifacts.ts";
import { tempDir } from "../helpers/temp.ts";
import {
  assertKeyNotPrinted,
  build,
  fixture,
  manifestOf,
  NOW,
  older,
  previousManifest,
  rootOf,
  run,
  verified,
  verifyOut,
  writePrevious,
} from "./_release_fixture.ts";

Deno.test("release.ts builds binaries, SHA256SUMS and a manifest FORGE's verifier accepts", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const result = await build(f, ["--base-url", "https://dl.example.com/v1/"]);
  assert.equal(result.code, 0, result.stderr);
  assertKeyNotPrinted(result, f.root.privateKey);
  const manifest = verified(await verifyOut(f.out, [rootOf(f.root)])).manifest;
  assert.equal(manifest.manifest_version, 1);
  assert.deepEqual(manifest.channels, { stable: VERSION, beta: VERSION });
  for (const target of TARGETS) {
    const bytes = await Deno.readFile(join(f.dist, artifactName(target)));
    assert.deepEqual(manifest.versions[VERSION]?.assets[target], {
      url: `https://dl.example.com/v1/${artifactName(target)}`,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  const check = await new Deno.Command("sha256sum", { args: ["-c", "SHA256SUMS"], cwd: f.out })
    .output();
  assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
  assert.equal(new TextDecoder().decode(check.stdout).match(/: OK$/gm)?.length, TARGETS.length);
});

Deno.test("release.ts signs with a release key that keys.json delegates, and publishes keys.json", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const release = await generateKeyPair();
  const rootFile = join(dir.path, "root.pk8");
  await Deno.writeTextFile(rootFile, f.root.privateKey, { mode: 0o600 });
  const keys = join(dir.path, "keys.json");
  await Deno.writeTextFile(
    keys,
    JSON.stringify({
      keys_version: 1,
      keys: [{ key_id: release.keyId, public_key: release.publicKey, comment: "ci" }],
      revoked: [],
    }),
  );
  const signed = await run("release_keys.ts", ["sign-keys", "--keys", keys, "--key", rootFile]);
  assert.equal(signed.code, 0, signed.stderr);
  assertKeyNotPrinted(signed, f.root.privateKey);
  const result = await build(f, ["--keys", keys], release.privateKey);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(await Deno.readFile(join(f.out, "keys.json")), await Deno.readFile(keys));
  assert.equal(verified(await verifyOut(f.out, [rootOf(f.root)])).signedBy, release.keyId);
});

Deno.test("release.ts builds on the previous manifest from a URL: number + 1, versions and unknown keys kept", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const before = older(VERSION);
  const previous = await writePrevious(dir.path, f.root, previousManifest(before, 41));
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const file = new URL(request.url).pathname === "/manifest.json.sig"
        ? `${previous}.sig`
        : previous;
      return new Response(await Deno.readFile(file));
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}/manifest.json`;
  const result = await build(f, ["--previous", url]);
  assert.equal(result.code, 0, result.stderr);
  const manifest = verified(await verifyOut(f.out, [rootOf(f.root)])).manifest;
  assert.equal(manifest.manifest_version, 42);
  assert.deepEqual(Object.keys(manifest.versions), [before, VERSION]);
  assert.equal(manifest.channels.stable, VERSION);
  assert.deepEqual((await manifestOf(f.out))["x_future"], { kept: true });
});

Deno.test("release.ts refuses to build on a previous manifest whose signature does not verify", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const previous = await writePrevious(dir.path, f.root, previousManifest(older(VERSION), 41));
  const text = await Deno.readTextFile(previous);
  await Deno.writeTextFile(
    previous,
    text.replace('"manifest_version": 41', '"manifest_version": 49'),
  );
  const result = await build(f, ["--previous", previous]);
  assert.equal(result.code, 4);
  assert.match(result.stderr, /signature is invalid/);
  assert.ok(!await Deno.stat(join(f.out, "manifest.json")).then(() => true, () => false));
});

Deno.test("release.ts names every target without a binary and writes no manifest", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  await Deno.remove(join(f.dist, artifactName("x86_64-apple-darwin")));
  await Deno.remove(join(f.dist, artifactName("x86_64-pc-windows-msvc")));
  const result = await build(f);
  assert.equal(result.code, 3);
  assert.match(
    result.stderr,
    /no binary for 2 of 5 targets: x86_64-apple-darwin .*x86_64-pc-windows-msvc/,
  );
  assert.ok(!await Deno.stat(join(f.out, "manifest.json")).then(() => true, () => false));
});

Deno.test("release.ts refuses a version that src/cli/version.ts does not declare", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const result = await run("release.ts", ["--version", "v99.0.0", "--channel", "stable"], {
    FORGE_RELEASE_SIGNING_KEY: f.root.privateKey,
  });
  assert.equal(result.code, 2);
  assert.ok(
    result.stderr.includes(`src/cli/version.ts says VERSION = "${VERSION}"`),
    result.stderr,
  );
});

Deno.test("release.ts refuses a version not newer than stable unless --allow-older", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const previous = await writePrevious(dir.path, f.root, previousManifest("99.0.0", 3));
  const refused = await build(f, ["--previous", previous]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not newer than the current stable release 99\.0\.0/);
  const added = await build(f, ["--previous", previous, "--allow-older"]);
  assert.equal(added.code, 0, added.stderr);
  const manifest = verified(await verifyOut(f.out, [rootOf(f.root)])).manifest;
  assert.equal(manifest.channels.stable, "99.0.0");
  assert.ok(manifest.versions[VERSION] !== undefined);
});

Deno.test("release.ts removes a release its roots do not trust and never prints the key", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const stranger = await generateKeyPair();
  const result = await build(f, [], stranger.privateKey);
  assert.equal(result.code, 4);
  assert.match(result.stderr, new RegExp(`signed by key ${stranger.keyId}, which this forge`));
  assertKeyNotPrinted(result, stranger.privateKey);
  assert.ok(!await Deno.stat(f.out).then(() => true, () => false));
  const missing = await build(f, [], "");
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /FORGE_RELEASE_SIGNING_KEY is not set/);
});

Deno.test("release.ts resign renews an expired manifest with the next number and the same releases", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  const raw = previousManifest(older(VERSION), 7);
  const previous = await writePrevious(dir.path, f.root, raw);
  const result = await run(
    "release.ts",
    ["resign", "--previous", previous, "--out", f.out, "--roots", f.roots, "--expires-days", "30"],
    { FORGE_RELEASE_SIGNING_KEY: f.root.privateKey },
  );
  assert.equal(result.code, 0, result.stderr);
  verified(await verifyOut(f.out, [rootOf(f.root)]));
  const { manifest_version, expires_at, ...rest } = await manifestOf(f.out);
  const { manifest_version: _, expires_at: __, ...before } = raw;
  assert.equal(manifest_version, 8);
  const expires = Date.parse(String(expires_at));
  assert.ok(Math.abs(expires - (NOW + 30 * 86_400_000)) < 600_000, String(expires_at));
  assert.deepEqual(rest, before);
});

Deno.test("release.ts verify catches a binary changed after signing", async () => {
  await using dir = await tempDir();
  const f = await fixture(dir.path);
  assert.equal((await build(f)).code, 0);
  const args = ["verify", "--dir", f.out, "--version", VERSION, "--roots", f.roots];
  const sound = await run("release.ts", [...args, "--channel", CHANNEL]);
  assert.equal(sound.code, 0, sound.stderr);
  await Deno.writeTextFile(join(f.out, artifactName("aarch64-apple-darwin")), "tampered\n");
  const result = await run("release.ts", args);
  assert.equal(result.code, 4);
  assert.match(result.stderr, /aarch64-apple-darwin: forge-aarch64-apple-darwin is 9 bytes/);
  assert.match(result.stderr, /SHA256SUMS says/);
});
