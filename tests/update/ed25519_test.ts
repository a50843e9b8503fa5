import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createPublicKey, verify } from "node:crypto";
import { VerificationError } from "../../src/domain/mod.ts";
import { generateKeyPair, keyIdOf, signFile, verifySignature } from "../../src/update/ed25519.ts";

// RFC 8032, section 7.1, TEST 1: secret key, public key and the signature of the empty message.
const RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const RFC_SIGNATURE =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc" +
  "61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
const PKCS8_PREFIX = "302e020100300506032b657004220420";

function hex(text: string): Uint8Array {
  return Uint8Array.fromHex(text);
}

const rfcPrivateKey = hex(PKCS8_PREFIX + RFC_SEED).toBase64();
const bytes = new TextEncoder().encode('{"manifest_version": 42}\n');

Deno.test("keyIdOf() is the first 8 bytes of SHA-256 of the raw key, in uppercase hex", () => {
  // sha256 of the RFC key's 32 bytes starts 21fe31dfa154a261 (checked with sha256sum).
  assert.equal(keyIdOf(RFC_PUBLIC), "21FE31DFA154A261");
});

Deno.test("keyIdOf() refuses what is not the base64 of 32 bytes", async (t) => {
  for (
    const [name, input] of [
      ["31 bytes", hex(RFC_SEED).slice(1).toBase64()],
      ["33 bytes", new Uint8Array(33).toBase64()],
      ["not base64", "not a key at all!"],
      ["empty", ""],
    ] as const
  ) {
    await t.step(name, () => {
      assert.throws(() => keyIdOf(input), (error: unknown) => {
        assert.ok(error instanceof VerificationError);
        assert.match(
          error.message,
          /^Cannot read Ed25519 public key ".*": expected the base64 of 32 raw bytes$/,
        );
        return true;
      });
    });
  }
});

Deno.test("signFile() reproduces the RFC 8032 test vector and names the key", async () => {
  const sig = await signFile(new Uint8Array(), rfcPrivateKey);
  assert.deepEqual(sig, {
    key_id: "21FE31DFA154A261",
    algorithm: "ed25519",
    signature: hex(RFC_SIGNATURE).toBase64(),
  });
  assert.equal(await verifySignature(new Uint8Array(), sig, RFC_PUBLIC), true);
});

Deno.test("generateKeyPair() gives keys that sign and verify, checked by node:crypto too", async () => {
  const pair = await generateKeyPair();
  assert.equal(pair.keyId, keyIdOf(pair.publicKey));
  assert.match(pair.publicKey, /^[A-Za-z0-9+/]{43}=$/);
  const sig = await signFile(bytes, pair.privateKey);
  assert.equal(sig.key_id, pair.keyId);
  assert.equal(await verifySignature(bytes, sig, pair.publicKey), true);
  // An independent implementation accepts the signature over the same bytes.
  const spki = new Uint8Array([
    ...hex("302a300506032b6570032100"),
    ...Uint8Array.fromBase64(pair.publicKey),
  ]);
  const key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
  assert.equal(verify(null, bytes, key, Buffer.from(Uint8Array.fromBase64(sig.signature))), true);
});

Deno.test("verifySignature() is false for anything but the exact bytes, key and signature", async (t) => {
  const pair = await generateKeyPair();
  const other = await generateKeyPair();
  const sig = await signFile(bytes, pair.privateKey);
  const flipped = new Uint8Array(bytes);
  flipped[3] = (flipped[3] ?? 0) ^ 1;
  const badSig = Uint8Array.fromBase64(sig.signature);
  badSig[0] = (badSig[0] ?? 0) ^ 1;
  const cases: [string, Uint8Array, typeof sig, string][] = [
    ["one byte of the file flipped", flipped, sig, pair.publicKey],
    ["a byte appended", new Uint8Array([...bytes, 10]), sig, pair.publicKey],
    ["another key", bytes, sig, other.publicKey],
    [
      "one bit of the signature flipped",
      bytes,
      { ...sig, signature: badSig.toBase64() },
      pair.publicKey,
    ],
    ["a short signature", bytes, { ...sig, signature: "AAAA" }, pair.publicKey],
    ["a malformed public key", bytes, sig, "AAAA"],
    ["another algorithm", bytes, { ...sig, algorithm: "rsa" as "ed25519" }, pair.publicKey],
  ];
  for (const [name, content, signature, publicKey] of cases) {
    await t.step(name, async () => {
      assert.equal(await verifySignature(content, signature, publicKey), false);
    });
  }
});

Deno.test("signFile() refuses a key that is not an Ed25519 PKCS #8 key", async (t) => {
  const keys = [["garbage", "bm90IGEga2V5"], ["a raw seed", hex(RFC_SEED).toBase64()]] as const;
  for (const [name, key] of keys) {
    await t.step(name, async () => {
      await assert.rejects(signFile(bytes, key), (error: unknown) => {
        assert.ok(error instanceof VerificationError);
        assert.equal(
          error.message,
          "Cannot read the Ed25519 signing key: expected the base64 of a PKCS #8 private key",
        );
        return true;
      });
    });
  }
});
