/**
 * The environment a launcher gets: a small safe base, the FORGE_* protocol variables, the
 * configured pass-through names and the worker config's `environment:` with its secret references
 * resolved here and nowhere else. Resolved secrets go to the redactor so no output can show them.
 */
import type { Env, SecretLookup, SecretRef, WorkerConfig } from "../domain/mod.ts";
import { describeSecretRef, ForgeError, redactor, resolveSecretRefs } from "../domain/mod.ts";

/** Variables every launcher may see (no secrets among them). */
const BASE_NAMES = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TERM",
  "COLORTERM",
  "TZ",
  "TMPDIR",
  "TMUX",
  "TMUX_TMPDIR",
  "XDG_RUNTIME_DIR",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "XDG_CACHE_HOME",
  "XDG_STATE_HOME",
];

/** The protocol variables of one launch. */
export interface ProtocolVars {
  readonly home: string;
  readonly workerId: string;
  readonly model: string;
  readonly workspace: string;
  /** How to call FORGE (`$FORGE_BIN bead close …`). */
  readonly forgeBin: string;
  readonly beadId: string | undefined;
}

/** Inputs of buildLaunchEnv(). */
export interface LaunchEnvOptions {
  readonly base: Env;
  readonly protocol: ProtocolVars;
  /** Pass-through names from the configuration (`launcher.env_passthrough`). */
  readonly passthrough: readonly string[];
  readonly workerConfig: WorkerConfig | undefined;
  readonly lookup: SecretLookup;
}

/**
 * Builds a launcher's complete environment.
 *
 * @param options base environment, protocol values, pass-through names, worker config, lookup
 * @returns the environment (to run with clearEnv)
 * @throws {ForgeError} naming the key and variable when a reference has no value
 */
export async function buildLaunchEnv(options: LaunchEnvOptions): Promise<Record<string, string>> {
  const { base, protocol, workerConfig } = options;
  const env: Record<string, string> = {};
  const all = base.toObject();
  for (const name of BASE_NAMES) if (all[name] !== undefined) env[name] = all[name];
  for (const name of Object.keys(all)) if (name.startsWith("LC_")) env[name] = all[name] as string;
  for (const name of [...options.passthrough, ...(workerConfig?.env_passthrough ?? [])]) {
    const value = all[name];
    if (value !== undefined) env[name] = value;
  }
  // What the worker config sets for itself wins over what FORGE's own environment passes on.
  const missing: { key: string; ref: SecretRef }[] = [];
  for (const [key, value] of Object.entries(workerConfig?.environment ?? {})) {
    const resolved = await resolveSecretRefs(value, options.lookup);
    for (const ref of resolved.missing) missing.push({ key, ref });
    for (const secret of resolved.secrets) redactor.add(secret);
    env[key] = resolved.value;
  }
  if (missing.length > 0) {
    const first = missing[0] as { key: string; ref: SecretRef };
    throw new ForgeError(
      "CONFIG_INVALID",
      `Cannot start worker "${protocol.workerId}": environment.${first.key} of worker config "${workerConfig?.name}" needs ${
        describeSecretRef(first.ref)
      }, which has no value`,
      {
        hint: first.ref.kind === "env"
          ? `export ${first.ref.name}=… before starting FORGE`
          : "add the entry to your keychain",
      },
    );
  }
  Object.assign(env, {
    FORGE_HOME: protocol.home,
    FORGE_WORKER_ID: protocol.workerId,
    FORGE_SESSION: protocol.workerId,
    FORGE_MODEL: protocol.model,
    FORGE_WORKSPACE: protocol.workspace,
    FORGE_BIN: protocol.forgeBin,
  });
  if (protocol.beadId !== undefined) env["FORGE_BEAD_ID"] = protocol.beadId;
  return env;
}
