import assert from "node:assert/strict";
import {
  ForgeError,
  redact,
  type SecretLookup,
  type WorkerConfig,
  workerConfigSchema,
} from "../../src/domain/mod.ts";
import { envFrom } from "../../src/platform/mod.ts";
import { buildLaunchEnv, type ProtocolVars } from "../../src/workers/mod.ts";

const PROTOCOL: ProtocolVars = {
  home: "/h/.forge",
  workerId: "mine-alpha",
  model: "sonnet",
  workspace: "/w",
  forgeBin: "/usr/local/bin/forge",
  beadId: undefined,
};

const BASE = envFrom({
  PATH: "/usr/bin:/bin",
  HOME: "/h",
  TERM: "xterm",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  TMUX_TMPDIR: "/tmp/t",
  OPENAI_API_KEY: "sk-should-not-leak-1234",
  AWS_SECRET_ACCESS_KEY: "aws-secret",
  RANDOM_VAR: "x",
});

async function workerConfig(fields: Record<string, unknown>): Promise<WorkerConfig> {
  return (await workerConfigSchema()).parse({
    name: "mine",
    launcher: "sim",
    model: "sim",
    tier: "budget",
    ...fields,
  });
}

const noSecrets: SecretLookup = () => Promise.resolve(undefined);

Deno.test("buildLaunchEnv() passes only safe base variables and the protocol variables", async () => {
  const env = await buildLaunchEnv({
    base: BASE,
    protocol: PROTOCOL,
    passthrough: [],
    workerConfig: undefined,
    lookup: noSecrets,
  });
  assert.deepEqual(env, {
    PATH: "/usr/bin:/bin",
    HOME: "/h",
    TERM: "xterm",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TMUX_TMPDIR: "/tmp/t",
    FORGE_HOME: "/h/.forge",
    FORGE_WORKER_ID: "mine-alpha",
    FORGE_SESSION: "mine-alpha",
    FORGE_MODEL: "sonnet",
    FORGE_WORKSPACE: "/w",
    FORGE_BIN: "/usr/local/bin/forge",
  });
});

Deno.test("buildLaunchEnv() sets FORGE_BEAD_ID only for a bead", async () => {
  const env = await buildLaunchEnv({
    base: envFrom({}),
    protocol: { ...PROTOCOL, beadId: "fg-12" },
    passthrough: [],
    workerConfig: undefined,
    lookup: noSecrets,
  });
  assert.equal(env["FORGE_BEAD_ID"], "fg-12");
});

Deno.test("buildLaunchEnv() adds pass-through names from the configuration and the worker config", async () => {
  const env = await buildLaunchEnv({
    base: BASE,
    protocol: PROTOCOL,
    passthrough: ["OPENAI_API_KEY", "NOT_SET"],
    workerConfig: await workerConfig({ env_passthrough: ["RANDOM_VAR"] }),
    lookup: noSecrets,
  });
  assert.equal(env["OPENAI_API_KEY"], "sk-should-not-leak-1234");
  assert.equal(env["RANDOM_VAR"], "x");
  assert.equal("NOT_SET" in env, false);
  assert.equal("AWS_SECRET_ACCESS_KEY" in env, false);
});

Deno.test("buildLaunchEnv() lets the worker config's environment win over a pass-through name", async () => {
  const env = await buildLaunchEnv({
    base: BASE,
    protocol: PROTOCOL,
    passthrough: ["RANDOM_VAR"],
    workerConfig: await workerConfig({
      env_passthrough: ["OPENAI_API_KEY"],
      environment: { RANDOM_VAR: "from-config", OPENAI_API_KEY: "sk-config" },
    }),
    lookup: noSecrets,
  });
  assert.equal(env["RANDOM_VAR"], "from-config");
  assert.equal(env["OPENAI_API_KEY"], "sk-config");
});

Deno.test("buildLaunchEnv() resolves the worker config's environment and redacts the secrets", async () => {
  const secret = `resolved-secret-${crypto.randomUUID()}`;
  const keychain = `keychain-secret-${crypto.randomUUID()}`;
  const lookup: SecretLookup = (ref) =>
    Promise.resolve(
      ref.kind === "keychain" ? keychain : ref.name === "MY_KEY" ? secret : undefined,
    );
  const env = await buildLaunchEnv({
    base: BASE,
    protocol: PROTOCOL,
    passthrough: [],
    workerConfig: await workerConfig({
      environment: {
        API_KEY: "${env:MY_KEY}",
        AUTH: "Bearer ${keychain:svc/me}",
        SIM_FAIL_PCT: "0",
        FORGE_WORKER_ID: "cannot-override",
      },
    }),
    lookup,
  });
  assert.equal(env["API_KEY"], secret);
  assert.equal(env["AUTH"], `Bearer ${keychain}`);
  assert.equal(env["SIM_FAIL_PCT"], "0");
  assert.equal(env["FORGE_WORKER_ID"], "mine-alpha", "protocol variables win");
  assert.equal(redact(`key=${secret}; auth=${keychain}`), "key=[redacted]; auth=[redacted]");
});

Deno.test("buildLaunchEnv() throws naming the key and the variable of a missing ${env:…}", async () => {
  await assert.rejects(
    async () =>
      buildLaunchEnv({
        base: BASE,
        protocol: PROTOCOL,
        passthrough: [],
        workerConfig: await workerConfig({
          environment: { PLAIN: "1", API_KEY: "${env:MY_MISSING_KEY}" },
        }),
        lookup: noSecrets,
      }),
    (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, "CONFIG_INVALID");
      assert.equal(
        error.message,
        'Cannot start worker "mine-alpha": environment.API_KEY of worker config "mine" needs environment variable MY_MISSING_KEY, which has no value',
      );
      assert.equal(error.hint, "export MY_MISSING_KEY=… before starting FORGE");
      return true;
    },
  );
});

Deno.test("buildLaunchEnv() names a missing keychain entry", async () => {
  await assert.rejects(
    async () =>
      buildLaunchEnv({
        base: BASE,
        protocol: PROTOCOL,
        passthrough: [],
        workerConfig: await workerConfig({ environment: { TOKEN: "${keychain:gh/work}" } }),
        lookup: noSecrets,
      }),
    {
      name: "ForgeError",
      message:
        'Cannot start worker "mine-alpha": environment.TOKEN of worker config "mine" needs keychain entry gh/work, which has no value',
      hint: "add the entry to your keychain",
    },
  );
});
