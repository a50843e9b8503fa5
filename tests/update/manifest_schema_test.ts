import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  manifestJsonSchemas,
  manifestSchemas,
  parseReleaseDocument,
  TARGETS,
} from "../../src/update/manifest_schema.ts";

const DIR = fileURLToPath(new URL("../../manifests/update/", import.meta.url));
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** A small valid manifest; tests break one field at a time. */
function manifest(): Record<string, unknown> {
  return {
    manifest_version: 42,
    expires_at: "2027-01-31T00:00:00Z",
    channels: { stable: "1.4.0", beta: "1.5.0-beta.2" },
    versions: {
      "1.4.0": {
        date: "2026-11-20",
        notes: "https://github.com/forge-orchestrator/forge/releases/tag/v1.4.0",
        assets: {
          "x86_64-unknown-linux-gnu": {
            url: "forge-x86_64-unknown-linux-gnu",
            size: 7,
            sha256: SHA,
          },
        },
      },
      "1.5.0-beta.2": {
        date: "2026-11-24",
        notes: "https://github.com/forge-orchestrator/forge/releases/tag/v1.5.0-beta.2",
        yanked: false,
        assets: {},
      },
    },
  };
}

// Edits reach into untyped JSON.
// deno-lint-ignore no-explicit-any
function edit(change: (m: Record<string, any>) => void): string {
  const m = manifest();
  change(m);
  return JSON.stringify(m);
}

Deno.test("the committed JSON Schemas in manifests/update/ match manifestJsonSchemas()", async (t) => {
  for (const [file, schema] of Object.entries(await manifestJsonSchemas())) {
    await t.step(file, async () => {
      const committed = JSON.parse(await Deno.readTextFile(DIR + file));
      assert.deepEqual(
        committed,
        schema,
        `manifests/update/${file} is stale: write JSON.stringify((await manifestJsonSchemas())["${file}"], null, 2) to it`,
      );
    });
  }
});

Deno.test("manifests/update/example-manifest.json is a valid manifest covering every target", async () => {
  const parsed = await parseReleaseDocument(
    "releaseManifest",
    await Deno.readFile(DIR + "example-manifest.json"),
  );
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.problem);
  const stable = parsed.value.versions[parsed.value.channels.stable];
  assert.deepEqual(Object.keys(stable?.assets ?? {}).sort(), [...TARGETS].sort());
});

Deno.test("parseReleaseDocument() keeps unknown keys and fills defaults", async () => {
  const parsed = await parseReleaseDocument(
    "releaseManifest",
    edit((m) => {
      m.rollout = { hours: 24 };
      m.versions["1.4.0"].assets["x86_64-unknown-linux-gnu"].signature = "future";
    }),
  );
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.rollout, { hours: 24 });
  assert.equal(parsed.value.versions["1.4.0"]?.yanked, false);
  const keys = await parseReleaseDocument("keySet", '{"keys_version": 1, "keys": []}');
  assert.deepEqual(keys, { ok: true, value: { keys_version: 1, keys: [], revoked: [] } });
});

Deno.test("parseReleaseDocument() names the field that is wrong", async (t) => {
  const asset = 'versions["1.4.0"].assets["x86_64-unknown-linux-gnu"]';
  const cases: [string, string | Uint8Array, string | RegExp][] = [
    ["not JSON", "{", /^is not valid JSON \(.+\)$/],
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), /^is not valid JSON \(.+\)$/],
    [
      "a number as the document",
      "42",
      "is invalid at (top level): Invalid input: expected object, received number",
    ],
    [
      "upper-case sha256",
      edit((m) =>
        m.versions["1.4.0"].assets["x86_64-unknown-linux-gnu"].sha256 = SHA.toUpperCase()
      ),
      `is invalid at ${asset}.sha256: must be 64 lowercase hex digits`,
    ],
    [
      "a zero size",
      edit((m) => m.versions["1.4.0"].assets["x86_64-unknown-linux-gnu"].size = 0),
      `is invalid at ${asset}.size: Too small: expected number to be >0`,
    ],
    [
      "a version key that is not semver",
      edit((m) => m.versions["1.4"] = m.versions["1.4.0"]),
      `is invalid at versions["1.4"]: must be a semantic version such as 1.4.0`,
    ],
    [
      "a prerelease on stable",
      edit((m) => m.channels.stable = "1.5.0-beta.2"),
      "is invalid at channels.stable: the stable channel cannot point at a prerelease",
    ],
    [
      "a channel head missing from versions",
      edit((m) => m.channels.beta = "1.6.0-beta.1"),
      "is invalid at channels.beta: 1.6.0-beta.1 is not listed in versions",
    ],
    [
      "javascript: release notes",
      edit((m) => m.versions["1.4.0"].notes = "javascript:alert(1)"),
      `is invalid at versions["1.4.0"].notes: must be an http(s) URL`,
    ],
    [
      "several problems",
      edit((m) => {
        delete m.manifest_version;
        m.expires_at = "soon";
      }),
      "is invalid at manifest_version: Invalid input: expected number, received undefined " +
      "(and 1 more problem)",
    ],
  ];
  for (const [name, content, problem] of cases) {
    await t.step(name, async () => {
      const parsed = await parseReleaseDocument("releaseManifest", content);
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      if (typeof problem === "string") assert.equal(parsed.problem, problem);
      else assert.match(parsed.problem, problem);
    });
  }
});

Deno.test("the key set and signature schemas check ids, keys and signatures", async (t) => {
  const { keySet, signatureFile } = await manifestSchemas();
  const good = { key_id: "8F3A1C2B4D5E6F70", public_key: `${"A".repeat(43)}=` };
  await t.step("a lower-case key id is refused", () => {
    const result = keySet.safeParse({
      keys_version: 1,
      keys: [{ ...good, key_id: "8f3a1c2b4d5e6f70" }],
    });
    assert.equal(result.success, false);
  });
  await t.step("a 31-byte public key is refused", () => {
    const result = keySet.safeParse({
      keys_version: 1,
      keys: [{ ...good, public_key: `${"A".repeat(42)}==` }],
    });
    assert.equal(result.success, false);
  });
  await t.step("keys_version 0 is refused", () => {
    assert.equal(keySet.safeParse({ keys_version: 0, keys: [] }).success, false);
  });
  await t.step("a signature must be ed25519 and 64 bytes", () => {
    const sig = { key_id: good.key_id, algorithm: "ed25519", signature: `${"A".repeat(86)}==` };
    assert.equal(signatureFile.safeParse(sig).success, true);
    assert.equal(signatureFile.safeParse({ ...sig, algorithm: "rsa" }).success, false);
    assert.equal(signatureFile.safeParse({ ...sig, signature: "AAAA" }).success, false);
  });
});
