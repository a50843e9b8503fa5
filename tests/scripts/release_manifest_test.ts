import assert from "node:assert/strict";
import { UsageError } from "../../src/domain/mod.ts";
import { manifestSchemas } from "../../src/update/manifest_schema.ts";
import { type Artifact, parseSha256sums } from "../../scripts/_release_artifacts.ts";
import {
  addRelease,
  type NewRelease,
  type PreviousManifest,
  releaseVersion,
} from "../../scripts/_release_manifest.ts";
import { NOW, previousManifest } from "./_release_fixture.ts";

const ARTIFACTS: readonly Artifact[] = [{
  target: "x86_64-unknown-linux-gnu",
  name: "forge-x86_64-unknown-linux-gnu",
  path: "/dist/forge-x86_64-unknown-linux-gnu",
  size: 10,
  sha256: "b".repeat(64),
}];

async function previousWith(channels: Record<string, string>): Promise<PreviousManifest> {
  const raw = previousManifest(channels["stable"] ?? "1.0.0", 5);
  const versions = raw["versions"] as Record<string, unknown>;
  const entry = Object.values(versions)[0];
  for (const version of Object.values(channels)) versions[version] = entry;
  const full = { ...raw, channels };
  return { raw: full, manifest: (await manifestSchemas()).releaseManifest.parse(full) };
}

function release(version: string, channel: "stable" | "beta", allowOlder = false): NewRelease {
  return {
    version,
    channel,
    artifacts: ARTIFACTS,
    baseUrl: "https://dl.example.com",
    notes: "https://example.com/notes",
    minSupported: undefined,
    allowOlder,
  };
}

Deno.test("addRelease() moves channels forward only", async (t) => {
  const fresh = { now: NOW, expiresDays: 60 };
  const heads = await previousWith({ stable: "1.0.0", beta: "1.1.0-beta.1" });
  const cases = [
    { version: "1.0.1", channel: "stable", moved: ["stable"] },
    { version: "1.2.0", channel: "stable", moved: ["stable", "beta"] },
    { version: "1.1.0-beta.2", channel: "beta", moved: ["beta"] },
    { version: "0.9.1", channel: "stable", moved: [], allowOlder: true },
  ] as const;
  for (const c of cases) {
    await t.step(`${c.version} on ${c.channel} moves ${c.moved.join(", ") || "nothing"}`, () => {
      const allowOlder = "allowOlder" in c && c.allowOlder;
      const next = addRelease(heads, release(c.version, c.channel, allowOlder), fresh);
      assert.deepEqual(next.moved, c.moved);
      assert.equal(next.manifest["manifest_version"], 6);
    });
  }
  const refusals = [
    { why: "a prerelease on stable", version: "1.2.0-rc.1", channel: "stable", on: heads },
    { why: "a beta older than beta", version: "1.1.0-alpha.1", channel: "beta", on: heads },
    { why: "a version already listed", version: "1.0.0", channel: "stable", on: heads },
    { why: "a first release on beta", version: "1.0.0-beta.1", channel: "beta", on: undefined },
  ] as const;
  for (const r of refusals) {
    await t.step(`refuses ${r.why}`, () => {
      assert.throws(() => addRelease(r.on, release(r.version, r.channel), fresh), UsageError);
    });
  }
});

Deno.test("releaseVersion() takes a tag or a version and refuses anything else", () => {
  assert.equal(releaseVersion("v1.5.0-beta.2"), "1.5.0-beta.2");
  assert.equal(releaseVersion("1.5.0"), "1.5.0");
  for (const bad of ["1.5", "v1.5.0+build.7", "latest", "01.5.0"]) {
    assert.throws(() => releaseVersion(bad), UsageError, bad);
  }
});

Deno.test("parseSha256sums() reads GNU, binary-mode, BSD and CRLF lines and refuses duplicates", () => {
  const a = "A".repeat(64);
  const b = "b".repeat(64);
  const sums = parseSha256sums(`${a}  forge-a\r\n${b} *forge-b\nSHA256 (forge-c) = ${b}\n\n`);
  assert.deepEqual([...sums], [["forge-a", a.toLowerCase()], ["forge-b", b], ["forge-c", b]]);
  assert.throws(() => parseSha256sums(`${b}  forge-a\n${b}  forge-a\n`), /listed twice/);
  assert.throws(() => parseSha256sums("nonsense\n"), /line 1/);
});
