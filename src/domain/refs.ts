/**
 * Secret references in configuration values: `${env:NAME}`, `${keychain:service/account}`, and
 * the plain `${NAME}` of older worker configs. FORGE stores the reference, never the secret, and
 * resolves it only when it starts the process that needs it.
 */

/** A reference found in a value. */
export type SecretRef =
  | { readonly kind: "env"; readonly name: string; readonly text: string }
  | {
    readonly kind: "keychain";
    readonly service: string;
    readonly account: string;
    readonly text: string;
  };

const REF_PATTERN =
  /\$\{(?:env:([A-Za-z_][A-Za-z0-9_]*)|keychain:([^/}]+)\/([^}]+)|([A-Z_][A-Z0-9_]*))\}/g;

/**
 * Lists the references in a value, in order.
 *
 * @param value a configuration string
 * @returns every reference it holds
 */
export function findSecretRefs(value: string): readonly SecretRef[] {
  const refs: SecretRef[] = [];
  for (const m of value.matchAll(REF_PATTERN)) {
    const [text, envName, service, account, bareName] = m;
    if (envName !== undefined || bareName !== undefined) {
      refs.push({ kind: "env", name: (envName ?? bareName) as string, text });
    } else if (service !== undefined && account !== undefined) {
      refs.push({ kind: "keychain", service, account, text });
    }
  }
  return refs;
}

/** Describes a reference for messages, without any secret. */
export function describeSecretRef(ref: SecretRef): string {
  return ref.kind === "env"
    ? `environment variable ${ref.name}`
    : `keychain entry ${ref.service}/${ref.account}`;
}

/** Looks a reference up; undefined when it has no value. */
export type SecretLookup = (ref: SecretRef) => Promise<string | undefined>;

/** The outcome of resolving one value. */
export interface ResolvedValue {
  readonly value: string;
  /** References that had no value (left empty in `value`). */
  readonly missing: readonly SecretRef[];
  /** The secret values inserted, for redaction. */
  readonly secrets: readonly string[];
}

/**
 * Replaces every reference in a value by what `lookup` returns.
 *
 * @param value a configuration string
 * @param lookup resolves one reference
 * @returns the resolved text, the references that were missing and the secrets used
 */
export async function resolveSecretRefs(
  value: string,
  lookup: SecretLookup,
): Promise<ResolvedValue> {
  const refs = findSecretRefs(value);
  if (refs.length === 0) return { value, missing: [], secrets: [] };
  const missing: SecretRef[] = [];
  const secrets: string[] = [];
  let out = value;
  for (const ref of refs) {
    const found = await lookup(ref);
    if (found === undefined) missing.push(ref);
    else if (found !== "") secrets.push(found);
    // A function, so `$&`, `$$` … in a secret are inserted as they are, not as patterns.
    out = out.replace(ref.text, () => found ?? "");
  }
  return { value: out, missing, secrets };
}

/**
 * Expands FORGE's own lowercase placeholders (`${worker_id}`, `${model}` …) in a template.
 *
 * @param template text with placeholders
 * @param values placeholder values by name
 * @returns the expanded text; unknown placeholders stay as they are
 */
export function expandPlaceholders(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  return template.replace(/\$\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
