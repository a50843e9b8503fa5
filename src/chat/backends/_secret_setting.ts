/**
 * Resolves a chat setting that may hold secret references (`chat.api_key`, `chat.env.*`) at the
 * moment a request is sent, so a rotated key is picked up and a missing one is named.
 */
import {
  describeSecretRef,
  errorMessage,
  redact,
  redactor,
  resolveSecretRefs,
  type SecretLookup,
  type SecretRef,
} from "../../domain/mod.ts";
import { ChatBackendError } from "../chat_types.ts";

function whatToDo(ref: SecretRef): string {
  return ref.kind === "env"
    ? `export ${ref.name} before starting FORGE`
    : `add ${ref.service}/${ref.account} to your keychain`;
}

/**
 * Replaces the references in a setting by their values and remembers those values for
 * redaction.
 *
 * @param value the setting as configured (`${env:OPENAI_API_KEY}`)
 * @param options the setting's name for messages (`chat.api_key`) and the lookup
 * @returns the resolved value
 * @throws {ChatBackendError} naming the reference (never a value) when it has no value or the
 *   lookup fails
 */
export async function resolveSecretSetting(
  value: string,
  options: { readonly setting: string; readonly secrets: SecretLookup },
): Promise<string> {
  const { setting } = options;
  let resolved;
  try {
    resolved = await resolveSecretRefs(value, options.secrets);
  } catch (error) {
    throw new ChatBackendError(
      `the chat backend cannot read ${setting}: looking up its secret failed (${
        redact(errorMessage(error))
      }); check the reference in ${setting}`,
      { transient: false, cause: error },
    );
  }
  for (const secret of resolved.secrets) redactor.add(secret);
  const missing = resolved.missing[0];
  if (missing !== undefined) {
    throw new ChatBackendError(
      `the chat backend cannot read ${setting}: it needs ${
        describeSecretRef(missing)
      }, which has no value; ${whatToDo(missing)}, or change ${setting}`,
      { transient: false },
    );
  }
  return resolved.value;
}

/**
 * Resolves `chat.api_key` for one request.
 *
 * @param ref the configured reference, or undefined when no key is set
 * @param secrets the lookup
 * @returns the key, or undefined when none is configured
 * @throws {ChatBackendError} naming the reference when it has no value or an empty one
 */
export async function resolveApiKey(
  ref: string | undefined,
  secrets: SecretLookup,
): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  const key = await resolveSecretSetting(ref, { setting: "chat.api_key", secrets });
  if (key.trim() === "") {
    throw new ChatBackendError(
      `the chat backend cannot use chat.api_key: ${ref} is empty; give it the API key, or ` +
        "change chat.api_key",
      { transient: false },
    );
  }
  return key.trim();
}
