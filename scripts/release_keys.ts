/**
 * Release key management (see `--help`): generate an Ed25519 key pair (the private key goes only
 * into a new file with mode 600, never to the terminal), show the public half of a key file, and
 * sign a keys.json with a root key. Root keys stay offline; CI holds only a release key.
 */
// deno-lint-ignore-file no-console
import { parseArgs } from "node:util";
import { ForgeError, UsageError, VerificationError } from "../src/domain/mod.ts";
import { generateKeyPair, keyIdOf, signFile, verifySignature } from "../src/update/ed25519.ts";
import { manifestSchemas } from "../src/update/manifest_schema.ts";

const USAGE = `Usage:
  deno run -A scripts/release_keys.ts [generate] --out FILE [--comment TEXT]
      New key pair. The private key (base64 PKCS #8) is written to FILE (mode 600; never
      overwritten); the public entry {key_id, public_key, comment} is printed for keys.json or
      src/update/trusted_keys.ts.
  deno run -A scripts/release_keys.ts public-key --key FILE
      The public entry of an existing private key file.
  deno run -A scripts/release_keys.ts sign-keys --keys keys.json --key ROOT_FILE [--out FILE]
      Checks keys.json and signs it with a root key into keys.json.sig (or FILE).`;

const OPTIONS = {
  out: { type: "string" },
  key: { type: "string" },
  keys: { type: "string" },
  comment: { type: "string" },
  help: { type: "boolean", default: false },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

async function generate(values: Options): Promise<void> {
  if (values.out === undefined) throw new UsageError("Cannot generate a key: --out FILE");
  const pair = await generateKeyPair();
  try {
    using file = await Deno.open(values.out, { write: true, createNew: true, mode: 0o600 });
    await file.write(new TextEncoder().encode(`${pair.privateKey}\n`));
    if (Deno.build.os !== "windows") await Deno.chmod(values.out, 0o600);
  } catch (cause) {
    throw new UsageError(`Cannot write the private key to "${values.out}"`, {
      cause,
      hint: "the file must not exist yet; keys are never overwritten",
    });
  }
  printEntry(pair.publicKey, values.comment);
  console.error(
    `private key written to ${values.out} (mode 600). Keep root keys offline; for the CI ` +
      `release key: gh secret set FORGE_RELEASE_SIGNING_KEY < ${values.out}`,
  );
}

function printEntry(publicKey: string, comment: string | undefined): void {
  const entry = {
    key_id: keyIdOf(publicKey),
    public_key: publicKey,
    ...(comment === undefined ? {} : { comment }),
  };
  console.log(JSON.stringify(entry, null, 2));
}

/** Reads a private key file; its content is never put into a message. */
async function readPrivateKey(path: string | undefined): Promise<string> {
  if (path === undefined) throw new UsageError("Cannot sign: --key FILE (a private key file)");
  const info = await Deno.stat(path).catch((cause: unknown) => {
    throw new UsageError(`Cannot read private key "${path}"`, { cause });
  });
  if (Deno.build.os !== "windows" && info.mode !== null && (info.mode & 0o077) !== 0) {
    console.error(`warning: ${path} is readable by others; chmod 600 ${path}`);
  }
  return (await Deno.readTextFile(path)).trim();
}

/** The public half of a private key, from its JWK form. */
async function publicKeyOf(privateKey: string, path: string): Promise<string> {
  try {
    const der = Uint8Array.fromBase64(privateKey);
    const key = await crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]);
    const { x } = await crypto.subtle.exportKey("jwk", key);
    if (x === undefined) throw new Error("no public part");
    return Uint8Array.fromBase64(x, { alphabet: "base64url" }).toBase64();
  } catch (cause) {
    throw new UsageError(
      `Cannot use private key "${path}": not the base64 of a PKCS #8 Ed25519 key`,
      { cause },
    );
  }
}

async function publicKey(values: Options): Promise<void> {
  const path = values.key;
  printEntry(await publicKeyOf(await readPrivateKey(path), path ?? ""), values.comment);
}

async function signKeys(values: Options): Promise<void> {
  if (values.keys === undefined) throw new UsageError("Cannot sign keys: --keys keys.json");
  const path = values.keys;
  const bytes = await Deno.readFile(path).catch((cause: unknown) => {
    throw new UsageError(`Cannot read "${path}"`, { cause });
  });
  await checkKeySet(bytes, path);
  const privateKey = await readPrivateKey(values.key);
  const rootPublic = await publicKeyOf(privateKey, values.key ?? "");
  const signature = await signFile(bytes, privateKey);
  if (!await verifySignature(bytes, signature, rootPublic)) {
    throw new VerificationError(`Cannot sign "${path}": the new signature does not verify`);
  }
  const out = values.out ?? `${path}.sig`;
  await Deno.writeTextFile(out, `${JSON.stringify(signature, null, 2)}\n`);
  console.log(`${out}: ${path} signed by root key ${signature.key_id}`);
}

async function checkKeySet(bytes: Uint8Array, path: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new UsageError(`Cannot sign "${path}": not JSON`, { cause });
  }
  const parsed = (await manifestSchemas()).keySet.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `Cannot sign "${path}": ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
    );
  }
  for (const key of parsed.data.keys) {
    const actual = keyIdOf(key.public_key);
    if (actual !== key.key_id) {
      throw new UsageError(
        `Cannot sign "${path}": key ${key.key_id} has a public key whose id is ${actual}`,
      );
    }
  }
}

async function main(args: readonly string[]): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
    } catch (cause) {
      throw new UsageError(`Cannot parse arguments: ${(cause as Error).message}`, { cause });
    }
    const { values, positionals } = parsed;
    const command = positionals[0] ?? "generate";
    if (values.help || args.length === 0) console.log(USAGE);
    else if (command === "generate") await generate(values);
    else if (command === "public-key") await publicKey(values);
    else if (command === "sign-keys") await signKeys(values);
    else throw new UsageError(`Cannot run "${command}": use generate, public-key or sign-keys`);
    return 0;
  } catch (error) {
    if (!(error instanceof ForgeError)) throw error;
    console.error(`release_keys: ${error.message}`);
    if (error.hint !== undefined) console.error(`hint: ${error.hint}`);
    return error.code === "USAGE" ? 2 : 4;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
