/**
 * The signed documents of a FORGE release: `manifest.json` (what each version ships, per target),
 * `keys.json` (the release keys delegated by the embedded root keys) and the `<file>.sig` files
 * signing both. Known keys are checked strictly; unknown keys are kept, so newer releases can add
 * fields without breaking older clients. zod is loaded on first use, so commands that never look
 * at releases start without it.
 */
import type { z as Zod } from "zod";

/** The targets FORGE publishes binaries for (the values of `Deno.build.target`). */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;

/** One published target triple. */
export type Target = typeof TARGETS[number];

/** A key id: the first 8 bytes of SHA-256 of the raw public key, as 16 uppercase hex digits. */
export const KEY_ID_PATTERN = /^[0-9A-F]{16}$/;

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const TRIPLE = /^[a-z0-9_]+(-[a-z0-9_]+){2,3}$/;
const PUBLIC_KEY_B64 = /^[A-Za-z0-9+/]{43}=$/;
const SIGNATURE_B64 = /^[A-Za-z0-9+/]{86}==$/;

/** Whether a version string (already matching the semver pattern) has a prerelease part. */
function isPrerelease(version: string): boolean {
  return (version.split("+")[0] ?? "").includes("-");
}

function build(z: typeof Zod) {
  const version = z.string().regex(SEMVER, "must be a semantic version such as 1.4.0");
  const keyId = z.string().regex(KEY_ID_PATTERN, "must be 16 uppercase hex digits");
  const asset = z.looseObject({
    /** Absolute, or relative to the manifest's own URL. */
    url: z.string().min(1),
    size: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
  });
  const release = z.looseObject({
    date: z.iso.date(),
    notes: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
    /** The oldest FORGE that may update straight to this version. */
    min_supported: version.optional(),
    /** A withdrawn release: never offered, and its users are told how to leave it. */
    yanked: z.boolean().default(false),
    assets: z.record(z.string().regex(TRIPLE, "must be a target triple"), asset),
  });
  const releaseManifest = z.looseObject({
    /** Grows with every published manifest; clients refuse one older than they have seen. */
    manifest_version: z.number().int().positive(),
    /** Clients refuse the manifest after this instant (freeze attacks). */
    expires_at: z.iso.datetime({ offset: true }),
    channels: z.looseObject({ stable: version, beta: version.optional() }),
    versions: z.record(version, release),
  }).superRefine((manifest, ctx) => {
    const { stable, beta } = manifest.channels;
    if (isPrerelease(stable)) {
      ctx.addIssue({
        code: "custom",
        path: ["channels", "stable"],
        message: "the stable channel cannot point at a prerelease",
      });
    }
    for (const [name, head] of [["stable", stable], ["beta", beta]] as const) {
      if (head !== undefined && manifest.versions[head] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["channels", name],
          message: `${head} is not listed in versions`,
        });
      }
    }
  }).meta({
    title: "FORGE release manifest",
    description: "manifest.json: the signed list of FORGE releases, per channel and target.",
  });
  const keySet = z.looseObject({
    /** Grows with every published keys.json; clients refuse one older than they have seen. */
    keys_version: z.number().int().positive(),
    keys: z.array(z.looseObject({
      key_id: keyId,
      public_key: z.string().regex(PUBLIC_KEY_B64, "must be the base64 of a 32-byte Ed25519 key"),
      comment: z.string().optional(),
    })),
    /** Key ids that must no longer be trusted, root keys included. */
    revoked: z.array(keyId).default([]),
  }).meta({
    title: "FORGE release keys",
    description: "keys.json: the release keys, signed by a root key embedded in FORGE.",
  });
  const signatureFile = z.looseObject({
    key_id: keyId,
    algorithm: z.literal("ed25519"),
    signature: z.string().regex(SIGNATURE_B64, "must be the base64 of a 64-byte signature"),
  }).meta({
    title: "FORGE signature file",
    description: "<file>.sig: an Ed25519 signature over the exact bytes of <file>.",
  });
  return { releaseManifest, keySet, signatureFile, asset };
}

/** The zod schemas of the release documents. */
export type ManifestSchemas = ReturnType<typeof build>;

/** A validated `manifest.json`. */
export type ReleaseManifest = Zod.output<ManifestSchemas["releaseManifest"]>;

/** One version's entry in the manifest. */
export type ReleaseEntry = ReleaseManifest["versions"][string];

/** One downloadable binary: where it is, how big, and its SHA-256. */
export type ReleaseAsset = Zod.output<ManifestSchemas["asset"]>;

/** A validated `keys.json`. */
export type KeySet = Zod.output<ManifestSchemas["keySet"]>;

/** A validated `<file>.sig`. */
export type SignatureFile = Zod.output<ManifestSchemas["signatureFile"]>;

let schemas: ManifestSchemas | undefined;

/**
 * The schemas of `manifest.json`, `keys.json` and `<file>.sig` (zod is imported on the first call).
 *
 * @returns the schemas, built once
 */
export async function manifestSchemas(): Promise<ManifestSchemas> {
  if (schemas === undefined) schemas = build((await import("zod")).z);
  return schemas;
}

/**
 * The JSON Schemas of the release documents, as committed in `manifests/update/`.
 *
 * @returns file name → JSON Schema (draft 2020-12) describing the file as written
 */
export async function manifestJsonSchemas(): Promise<Readonly<Record<string, unknown>>> {
  const { z } = await import("zod");
  const { releaseManifest, keySet } = await manifestSchemas();
  return {
    "manifest.schema.json": z.toJSONSchema(releaseManifest, { io: "input" }),
    "keys.schema.json": z.toJSONSchema(keySet, { io: "input" }),
  };
}

/** The documents {@link parseReleaseDocument} reads, by kind. */
export interface ReleaseDocuments {
  readonly releaseManifest: ReleaseManifest;
  readonly keySet: KeySet;
  readonly signatureFile: SignatureFile;
}

/** A parsed document, or what is wrong with it (to follow the file's name in a sentence). */
export type ParsedDocument<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/**
 * Parses a release document and checks it against its schema.
 *
 * @param kind which document
 * @param content its bytes (UTF-8) or text
 * @returns the document, or a problem such as `is invalid at channels.stable: … (and 2 more problems)`
 */
export async function parseReleaseDocument<K extends keyof ReleaseDocuments>(
  kind: K,
  content: Uint8Array | string,
): Promise<ParsedDocument<ReleaseDocuments[K]>> {
  let json: unknown;
  try {
    const text = typeof content === "string"
      ? content
      : new TextDecoder("utf-8", { fatal: true }).decode(content);
    json = JSON.parse(text);
  } catch (cause) {
    return {
      ok: false,
      problem: `is not valid JSON (${cause instanceof Error ? cause.message : cause})`,
    };
  }
  const schema: Zod.ZodType = (await manifestSchemas())[kind];
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data as ReleaseDocuments[K] };
  const [first, ...rest] = result.error.issues;
  // A bad record key wraps the key's own issue, which says what a key must look like.
  const detail = first?.code === "invalid_key" ? first.issues[0]?.message : first?.message;
  const where = first === undefined ? "" : ` at ${fieldPath(first.path)}: ${detail}`;
  const more = rest.length === 0
    ? ""
    : ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})`;
  return { ok: false, problem: `is invalid${where}${more}` };
}

/** `versions["1.4.0"].assets["x86_64-unknown-linux-gnu"].sha256`, or `(top level)`. */
function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((part, i) => {
    if (typeof part === "number") return `[${part}]`;
    const name = String(part);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return i === 0 ? name : `.${name}`;
    return `[${JSON.stringify(name)}]`;
  }).join("");
}
