/**
 * Stand-ins for FORGE release binaries: small `#!/bin/sh` scripts that answer `version --json`
 * like FORGE does, or fail their self-test in a chosen way. The updater swaps any runnable file,
 * so these test the whole swap without `deno compile`.
 */

/** How a stub behaves when asked its version. */
export type StubBehaviour = "ok" | "exit-1" | "wrong-version" | "hang";

/**
 * The bytes of a stub binary.
 *
 * @param version the version it reports
 * @param options its behaviour and target triple
 * @returns the script
 */
export function stubBinary(
  version: string,
  options: { readonly behaviour?: StubBehaviour; readonly target?: string } = {},
): Uint8Array<ArrayBuffer> {
  const target = options.target ?? Deno.build.target;
  const reported = options.behaviour === "wrong-version" ? `${version}-wrong` : version;
  const answer = options.behaviour === "exit-1"
    ? "echo 'broken build' >&2; exit 1"
    : options.behaviour === "hang"
    ? "exec sleep 600"
    : `printf '%s\\n' '{"version":"${reported}","channel":"stable","deno":"2.9.6","target":"${target}","compiled":true}'; exit 0`;
  return new TextEncoder().encode(
    `#!/bin/sh\n# forge ${version} (test stub)\nif [ "$1" = version ]; then ${answer}; fi\necho "forge ${version} stub: $*"\n`,
  );
}
