import assert from "node:assert/strict";
import { type GeneratedKeyPair, generateKeyPair, signFile } from "../../src/update/ed25519.ts";
import type { TrustedKey } from "../../src/update/trusted_keys.ts";
import {
  MAX_MANIFEST_BYTES,
  verifyRelease,
  type VerifyReleaseInput,
} from "../../src/update/verify_manifest.ts";

const RELEASES = "https://github.com/forge-orchestrator/forge/releases";
const ISSUES = "https://github.com/forge-orchestrator/forge/issues";
const UNCHANGED = "Nothing was downloaded and your installation is unchanged.";
const DAY = 24 * 3_600_000;
const EXPIRES = Date.parse("2026-07-01T00:00:00Z");

const root = await generateKeyPair();
const releaseKey = await generateKeyPair();
const stranger = await generateKeyPair();
const roots: readonly TrustedKey[] = [{ key_id: root.keyId, public_key: root.publicKey }];
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function manifestText(version = 42, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      manifest_version: version,
      expires_at: "2026-07-01T00:00:00Z",
      channels: { stable: "1.4.0" },
      versions: {
        "1.4.0": {
          date: "2026-06-01",
          notes: `${RELEASES}/tag/v1.4.0`,
          assets: { "x86_64-unknown-linux-gnu": { url: "forge", size: 1, sha256: "0".repeat(64) } },
        },
      },
      ...extra,
    },
    null,
    2,
  );
}

function keysText(version = 3, revoked: readonly string[] = []): string {
  const keys = [{ key_id: releaseKey.keyId, public_key: releaseKey.publicKey, comment: "CI" }];
  return JSON.stringify({ keys_version: version, keys, revoked });
}

async function sig(text: string | Uint8Array, key: GeneratedKeyPair): Promise<string> {
  return JSON.stringify(
    await signFile(typeof text === "string" ? encode(text) : text, key.privateKey),
  );
}

/** A release signed by `signer` (through keys.json when it is the release key), at `now`. */
async function release(
  signer: GeneratedKeyPair = root,
  overrides: Partial<VerifyReleaseInput> = {},
): Promise<VerifyReleaseInput> {
  const manifest = manifestText();
  const keys = signer === root
    ? {}
    : { keysBytes: encode(keysText()), keysSig: await sig(keysText(), root) };
  return {
    manifestBytes: encode(manifest),
    manifestSig: await sig(manifest, signer),
    ...keys,
    roots,
    seen: { manifestVersion: 0, keysVersion: 0 },
    now: EXPIRES - DAY,
    forgeVersion: "1.4.0",
    mode: "update",
    ...overrides,
  };
}

Deno.test("verifyRelease() accepts a manifest signed by an embedded root key", async () => {
  const result = await verifyRelease(await release());
  assert.ok(result.ok);
  assert.equal(result.manifestVersion, 42);
  assert.equal(result.keysVersion, 0);
  assert.equal(result.signedBy, root.keyId);
  assert.equal(result.manifest.channels.stable, "1.4.0");
  assert.equal(result.expiredWarning, undefined);
});

Deno.test("verifyRelease() accepts a release key delegated by a root-signed keys.json", async () => {
  const result = await verifyRelease(
    await release(releaseKey, { seen: { manifestVersion: 42, keysVersion: 3 } }),
  );
  assert.ok(result.ok);
  assert.equal(result.signedBy, releaseKey.keyId);
  assert.equal(result.keysVersion, 3);
  assert.equal(result.manifestVersion, 42);
});

Deno.test("verifyRelease() refuses, with the message for each case", async (t) => {
  const tampered = encode(manifestText());
  tampered[20] = (tampered[20] ?? 0) ^ 1;
  const short = (key: GeneratedKeyPair): string => `${key.keyId.slice(0, 8)}…`;
  const revoked = keysText(3, [releaseKey.keyId]);
  const badKeys = JSON.stringify({
    keys_version: 3,
    keys: [{ key_id: stranger.keyId, public_key: releaseKey.publicKey }],
  });
  const unsignedJson = "{ not json";
  const unsignedSchema = manifestText(42, { channels: { stable: "1.4.1" } });
  const cases: [string, Promise<VerifyReleaseInput>, string, string][] = [
    [
      "one byte of the manifest flipped (row 2)",
      release().then((r) => ({ ...r, manifestBytes: tampered })),
      "bad-signature",
      `forge update: the release manifest's signature is invalid (key ${
        short(root)
      }). ${UNCHANGED} ` +
      "A proxy, mirror or the release itself may have been tampered with.",
    ],
    [
      "a key nobody delegated (row 3b)",
      release(stranger),
      "unknown-key",
      `forge update: the manifest is signed by key ${stranger.keyId}, which this forge (1.4.0) does not ` +
      `trust. If forge rotated its signing keys, update manually once: ${RELEASES}`,
    ],
    [
      "the release key listed in revoked (row 3c)",
      release(releaseKey).then(async (r) => ({
        ...r,
        keysBytes: encode(revoked),
        keysSig: await sig(revoked, root),
      })),
      "revoked-key",
      `forge update: the manifest is signed by key ${releaseKey.keyId}, which has been revoked. If forge ` +
      `rotated its signing keys, update manually once: ${RELEASES}`,
    ],
    [
      "a root key revoked by keys.json",
      release(releaseKey).then(async (r) => {
        const text = keysText(3, [root.keyId]);
        return {
          ...r,
          manifestSig: await sig(manifestText(), root),
          keysBytes: encode(text),
          keysSig: await sig(text, root),
        };
      }),
      "revoked-key",
      `forge update: the manifest is signed by key ${root.keyId}, which has been revoked. If forge ` +
      `rotated its signing keys, update manually once: ${RELEASES}`,
    ],
    [
      "keys.json older than one seen (row 3d)",
      release(releaseKey, { seen: { manifestVersion: 0, keysVersion: 4 } }),
      "keys-rollback",
      "forge update: the server returned an older keys.json (#3) than one already seen (#4). This can be " +
      "a replay attack or a stale mirror; refusing to use it.",
    ],
    [
      "keys.json left out after one was seen",
      release(root, { seen: { manifestVersion: 0, keysVersion: 3 } }),
      "keys-rollback",
      "forge update: the server returned no keys.json, although one was already seen (#3). This can " +
      "be a replay attack or a stale mirror; refusing to use it.",
    ],
    [
      "keys.json signed by a key that is not a root",
      release(releaseKey).then(async (r) => ({ ...r, keysSig: await sig(keysText(), releaseKey) })),
      "unknown-key",
      `forge update: keys.json is signed by key ${releaseKey.keyId}, which is not a root key of this forge ` +
      `(1.4.0). If forge rotated its signing keys, update manually once: ${RELEASES}`,
    ],
    [
      "keys.json altered after signing",
      release(releaseKey).then((r) => ({ ...r, keysBytes: encode(keysText(4)) })),
      "bad-signature",
      `forge update: keys.json's signature is invalid (key ${short(root)}). ${UNCHANGED} ` +
      "A proxy, mirror or the release itself may have been tampered with.",
    ],
    [
      "keys.json without its signature",
      release(releaseKey).then((r) => ({ ...r, keysSig: undefined })),
      "malformed",
      `forge update: keys.json came without its signature file; refusing it. ${UNCHANGED}`,
    ],
    [
      "keys.json whose key id does not match its key",
      release(stranger).then(async (r) => ({
        ...r,
        keysBytes: encode(badKeys),
        keysSig: await sig(badKeys, root),
      })),
      "malformed",
      `forge update: keys.json lists key ${stranger.keyId} with a public key whose id is ` +
      `${releaseKey.keyId}; refusing it. ${UNCHANGED}`,
    ],
    [
      "an older manifest_version than one seen (row 8)",
      release(root, { seen: { manifestVersion: 43, keysVersion: 0 } }),
      "manifest-rollback",
      "forge update: the server returned an older release manifest (#42) than one already seen (#43). " +
      "This can be a replay attack or a stale mirror; refusing to use it.",
    ],
    [
      "an expired manifest (row 9)",
      release(root, { now: EXPIRES + 53 * DAY + 3_600_000 }),
      "expired",
      "forge update: the release manifest expired on 2026-07-01 (53 days ago). Updates may be blocked " +
      "by a mirror or proxy, or publishing has stalled; refusing to treat it as current.",
    ],
    [
      "a manifest expired just beyond the 5-minute skew",
      release(root, { now: EXPIRES + 6 * 60_000 }),
      "expired",
      "forge update: the release manifest expired on 2026-07-01 (6 minutes ago). Updates may be blocked " +
      "by a mirror or proxy, or publishing has stalled; refusing to treat it as current.",
    ],
    [
      "a signed manifest that is not JSON",
      release().then(async (r) => ({
        ...r,
        manifestBytes: encode(unsignedJson),
        manifestSig: await sig(unsignedJson, root),
      })),
      "malformed",
      "", // checked by pattern below
    ],
    [
      "a signed manifest breaking the schema",
      release().then(async (r) => ({
        ...r,
        manifestBytes: encode(unsignedSchema),
        manifestSig: await sig(unsignedSchema, root),
      })),
      "malformed",
      "forge update: manifest.json is invalid at channels.stable: 1.4.1 is not listed in versions. " +
      `${UNCHANGED} Please report this at ${ISSUES}`,
    ],
    [
      "a malformed signature file",
      release().then((r) => ({ ...r, manifestSig: '{"key_id": "abc", "algorithm": "ed25519"}' })),
      "malformed",
      "forge update: manifest.json.sig is invalid at key_id: must be 16 uppercase hex digits (and 1 more " +
      `problem). ${UNCHANGED}`,
    ],
    [
      "a manifest over 1 MiB",
      release().then((r) => ({ ...r, manifestBytes: new Uint8Array(MAX_MANIFEST_BYTES + 1) })),
      "malformed",
      `forge update: the release metadata exceeds 1 MiB; refusing to read it. ${UNCHANGED}`,
    ],
  ];
  for (const [name, input, reason, message] of cases) {
    await t.step(name, async () => {
      const result = await verifyRelease(await input);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason, reason);
      if (message === "") {
        assert.match(result.message, /^forge update: manifest\.json is not valid JSON \(.+\)\. /);
        assert.ok(result.message.endsWith(`${UNCHANGED} Please report this at ${ISSUES}`));
      } else {
        assert.equal(result.message, message);
      }
    });
  }
});

Deno.test("verifyRelease() tolerates 5 minutes of clock skew and the same manifest again", async () => {
  const result = await verifyRelease(
    await release(root, {
      now: EXPIRES + 4 * 60_000,
      seen: { manifestVersion: 42, keysVersion: 0 },
    }),
  );
  assert.ok(result.ok);
  assert.equal(result.expiredWarning, undefined);
});

Deno.test("verifyRelease() only warns about an expired manifest when checking", async () => {
  const result = await verifyRelease(
    await release(root, { now: EXPIRES + 2 * DAY, mode: "check" }),
  );
  assert.ok(result.ok);
  assert.equal(
    result.expiredWarning,
    "forge update: the release manifest expired on 2026-07-01 (2 days ago). Updates may be " +
      "blocked by a mirror or proxy, or publishing has stalled; the releases it lists may be out of date.",
  );
});

Deno.test("verifyRelease() checks the signature before reading the manifest", async () => {
  // Garbage with a signature from an untrusted key is refused for the key, not parsed.
  const input = await release(stranger);
  const result = await verifyRelease({
    ...input,
    manifestBytes: encode("{"),
    keysBytes: undefined,
    keysSig: undefined,
  });
  assert.equal(result.ok, false);
  assert.equal(result.ok ? "" : result.reason, "unknown-key");
});
