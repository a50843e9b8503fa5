/**
 * Ed25519 keys and signatures through Web Crypto, in the encodings of FORGE's release files:
 * public keys as base64 of the raw 32 bytes, private keys as base64 of PKCS #8, key ids as the
 * first 8 bytes of the public key's SHA-256 in uppercase hex.
 */
import { createHash } from "node:crypto";
import { VerificationError } from "../domain/mod.ts";
import type { SignatureFile } from "./manifest_schema.ts";

/** A fresh signing key pair, encoded for files and environment variables. */
export interface GeneratedKeyPair {
  /** Base64 of the raw 32-byte public key (goes into keys.json or the embedded roots). */
  readonly publicKey: string;
  /** Base64 of the PKCS #8 private key (keep it secret). */
  readonly privateKey: string;
  /** The public key's id. */
  readonly keyId: string;
}

const ALGORITHM = { name: "Ed25519" } as const;

/**
 * Decodes strict base64, refusing anything that is not exactly `length` bytes.
 *
 * @returns the bytes, or undefined when the text is not such base64
 */
function decode(text: string, length: number): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    const bytes = Uint8Array.fromBase64(text);
    return bytes.length === length ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function publicKeyBytes(publicKey: string): Uint8Array<ArrayBuffer> {
  const bytes = decode(publicKey, 32);
  if (bytes === undefined) {
    throw new VerificationError(
      `Cannot read Ed25519 public key "${publicKey.slice(0, 12)}…": ` +
        "expected the base64 of 32 raw bytes",
    );
  }
  return bytes;
}

/**
 * Creates a new Ed25519 key pair.
 *
 * @returns the public and private key and the key id
 */
export async function generateKeyPair(): Promise<GeneratedKeyPair> {
  // Deno's lib types the result as a key or a pair; Ed25519 always yields a pair.
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const publicKey = raw.toBase64();
  return { publicKey, privateKey: pkcs8.toBase64(), keyId: keyIdOf(publicKey) };
}

/**
 * The id of a public key: the first 8 bytes of SHA-256 over its raw 32 bytes, uppercase hex.
 *
 * @param publicKey base64 of the raw public key
 * @returns 16 uppercase hex digits
 * @throws {VerificationError} when `publicKey` is not the base64 of 32 bytes
 */
export function keyIdOf(publicKey: string): string {
  const digest = createHash("sha256").update(publicKeyBytes(publicKey)).digest("hex");
  return digest.slice(0, 16).toUpperCase();
}

/**
 * Signs a file's exact bytes.
 *
 * @param bytes the file content
 * @param privateKey base64 of the PKCS #8 Ed25519 private key
 * @returns the content of `<file>.sig`, naming the signing key's id
 * @throws {VerificationError} when `privateKey` is not an Ed25519 PKCS #8 key
 */
export async function signFile(bytes: Uint8Array, privateKey: string): Promise<SignatureFile> {
  let key: CryptoKey;
  try {
    const der = Uint8Array.fromBase64(privateKey.trim());
    key = await crypto.subtle.importKey("pkcs8", der, ALGORITHM, true, ["sign"]);
  } catch (cause) {
    throw new VerificationError(
      "Cannot read the Ed25519 signing key: expected the base64 of a PKCS #8 private key",
      { cause, hint: "generate one with: deno run -A scripts/release_keys.ts" },
    );
  }
  // The public half is part of the private key's JWK form; the key id is derived from it.
  const { x } = await crypto.subtle.exportKey("jwk", key);
  if (x === undefined) {
    throw new VerificationError("Cannot derive the public key of the signing key");
  }
  const publicKey = Uint8Array.fromBase64(x, { alphabet: "base64url" }).toBase64();
  const signature = new Uint8Array(await crypto.subtle.sign(ALGORITHM, key, copy(bytes)));
  return { key_id: keyIdOf(publicKey), algorithm: "ed25519", signature: signature.toBase64() };
}

/**
 * Checks a signature over a file's exact bytes against one public key.
 *
 * @param bytes the file content
 * @param signature the parsed `<file>.sig` (its key id is not consulted: the caller chose the key)
 * @param publicKey base64 of the raw 32-byte public key
 * @returns true only for a valid Ed25519 signature by that key; malformed input gives false
 */
export async function verifySignature(
  bytes: Uint8Array,
  signature: SignatureFile,
  publicKey: string,
): Promise<boolean> {
  const raw = decode(publicKey, 32);
  const sig = decode(signature.signature, 64);
  if (raw === undefined || sig === undefined || signature.algorithm !== "ed25519") return false;
  try {
    const key = await crypto.subtle.importKey("raw", raw, ALGORITHM, false, ["verify"]);
    return await crypto.subtle.verify(ALGORITHM, key, sig, copy(bytes));
  } catch {
    return false;
  }
}

/** Web Crypto wants bytes backed by a plain ArrayBuffer. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
