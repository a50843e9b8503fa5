import assert from "node:assert/strict";
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";
import { FAST_SIM, filesUnder, logSize, readStatus, workerSandbox } from "./_workers.ts";

const SIM = new URL("../../manifests/launchers/sim.sh", import.meta.url).pathname;
const SECRET = "sk-test-0123456789abcdef";

Deno.test("a worker gets its ${env:…} secret, which no status file, log or output shows", async () => {
  await using sb = await workerSandbox("secret");
  const seen = join(sb.root, "fake-key-seen");
  await Deno.mkdir(join(sb.home, "launchers"), { recursive: true });
  await Deno.mkdir(join(sb.home, "workers"), { recursive: true });
  // The sim launcher, after noting whether the key reached it (never its value).
  await Deno.writeTextFile(
    join(sb.home, "launchers", "secret-sim"),
    `#!/usr/bin/env bash\nif [ -n "\${FAKE_KEY:-}" ]; then echo set; else echo unset; fi > '${seen}'\n` +
      `exec bash '${SIM}' "$@"\n`,
    { mode: 0o755 },
  );
  await Deno.writeTextFile(
    join(sb.home, "workers", "secret-sim.yaml"),
    [
      "name: secret-sim",
      "launcher: secret-sim",
      "model: sim",
      "tier: budget",
      "environment:",
      '  FAKE_KEY: "${env:MY_FAKE_SECRET}"',
      `env_passthrough: [${Object.keys(FAST_SIM).join(", ")}]`,
      "",
    ].join("\n"),
  );
  const env = { ...FAST_SIM, MY_FAKE_SECRET: SECRET };
  const outputs: string[] = [];
  const forge = async (args: string[]) => {
    const run = await sb.forge([...args, "--debug"], { env });
    outputs.push(run.stdout, run.stderr);
    assert.equal(run.code, 0, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
    return run;
  };

  const spawned = JSON.parse((await forge(["spawn", "--worker", "secret-sim", "--json"])).stdout);
  const id: string = spawned[0].worker_id;
  const status = await waitFor(async () => {
    const s = await readStatus(sb, id).catch(() => undefined);
    return s !== undefined && ["active", "idle"].includes(String(s["status"])) ? s : undefined;
  }, { what: `${id} to run` });
  assert.equal((await Deno.readTextFile(seen)).trim(), "set");
  const environ = await Deno.readTextFile(`/proc/${status["pid"]}/environ`);
  assert.ok(environ.split("\0").includes(`FAKE_KEY=${SECRET}`), "the worker lacks FAKE_KEY");
  const size = await logSize(sb, id);
  await waitFor(async () => (await logSize(sb, id)) > size, { what: `${id} to log` });

  await forge(["workers", "--json"]);
  await forge(["workers"]);
  await forge(["logs", id, "--raw"]);
  await forge(["doctor"]);
  await forge(["kill", id]);

  const files = await filesUnder(sb.home);
  assert.ok(files.has(join(sb.home, "logs", "forge.log")));
  assert.ok(files.has(join(sb.home, "status", `${id}.json`)));
  for (const [path, text] of files) assert.ok(!text.includes(SECRET), `${path} holds the secret`);
  for (const text of outputs) assert.ok(!text.includes(SECRET), `forge printed the secret`);
});
