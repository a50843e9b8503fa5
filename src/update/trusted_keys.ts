/**
 * The root keys built into FORGE. A release manifest is trusted when one of these signed it, or
 * when a release key listed in a `keys.json` that one of these signed (and not revoked) did. The
 * root's private half is kept offline by the maintainers; releases are signed by a release key
 * from CI. Rotation and revocation: adr/0013-binary-updates.md. Tests pass their own roots; a
 * release build never takes keys from the environment or from files.
 */

/** A public key FORGE trusts. */
export interface TrustedKey {
  /** First 8 bytes of the SHA-256 of the raw key, in uppercase hex. */
  readonly key_id: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  readonly public_key: string;
}

/** The roots of this build. */
export const ROOT_KEYS: readonly TrustedKey[] = [
  { key_id: "0147955567FEF5DE", public_key: "Aeo3Wgk8gDfubq65G8+a81/WJFYrTo42yIhhaXG5vhc=" },
];
