/**
 * `${keychain:service/account}` lookups through the operating system's secret store:
 * `secret-tool` (libsecret) on Linux, `security` on macOS.
 */
import type { Processes, SecretLookup } from "../domain/mod.ts";

/**
 * Builds a lookup for secret references that reads `${env:…}` from `env` and `${keychain:…}`
 * from the OS keychain.
 *
 * @param env the environment to read variables from
 * @param processes how to run the keychain tool
 * @returns a lookup usable with resolveSecretRefs()
 */
export function createSecretLookup(
  env: { get(name: string): string | undefined },
  processes: Processes,
): SecretLookup {
  return async (ref) => {
    if (ref.kind === "env") return env.get(ref.name);
    const result = Deno.build.os === "darwin"
      ? await processes.run("security", [
        "find-generic-password",
        "-s",
        ref.service,
        "-a",
        ref.account,
        "-w",
      ], { timeoutMs: 10_000 })
      : await processes.run("secret-tool", [
        "lookup",
        "service",
        ref.service,
        "account",
        ref.account,
      ], { timeoutMs: 10_000 });
    if (result.code !== 0) return undefined;
    const value = result.stdout.replace(/\r?\n$/, "");
    return value === "" ? undefined : value;
  };
}
