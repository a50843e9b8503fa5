import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";
import { isRunning } from "./_workers.ts";

interface Check {
  id: string;
  level: "pass" | "warn" | "fail";
  message: string;
}

/** A backend that speaks the protocol: a tool call, the context's worker count, errors as JSON. */
const GOOD_BACKEND = `
const input = await new Response(Deno.stdin.readable).text();
let request;
try {
  request = JSON.parse(input);
} catch {
  console.log(JSON.stringify({ error: "bad input" }));
  Deno.exit(0);
}
const workers = request.context?.visible_data?.workers?.length ?? 0;
console.log(JSON.stringify({
  tool_calls: [{ id: "1", tool: "switch_view", arguments: { view: "workers" } }],
  message: \`\${workers} workers\`,
  requires_confirmation: false,
}));
`;

async function script(sb: ForgeSandbox, name: string, text: string): Promise<string> {
  const path = join(sb.root, name);
  await Deno.writeTextFile(path, text, { mode: 0o755 });
  return path;
}

/** Runs the harness; only the hanging backend gets a short per-request limit. */
async function validateBackend(sb: ForgeSandbox, command: string, timeoutMs?: number) {
  const run = await sb.forge(["validate", "backend", command, "--json"], {
    env: timeoutMs === undefined ? {} : { FORGE_BACKEND_TIMEOUT_MS: String(timeoutMs) },
  });
  const report = JSON.parse(run.stdout);
  return {
    code: run.code,
    valid: report.valid as boolean,
    checks: new Map((report.findings as { level: string; label: string; message: string }[])
      .map((f) => [f.label, { id: f.label, level: f.level, message: f.message } as Check])),
  };
}

Deno.test("forge validate backend passes a backend that speaks the protocol", async () => {
  await using sb = await forgeSandbox("backendgood");
  const path = await script(sb, "backend.ts", GOOD_BACKEND);
  const { code, valid, checks } = await validateBackend(
    sb,
    `${Deno.execPath()} run --quiet ${path}`,
  );
  assert.equal(code, 0, JSON.stringify([...checks.values()]));
  assert.equal(valid, true);
  assert.deepEqual([...checks.keys()], [
    "runs",
    "json",
    "tool-call",
    "context",
    "malformed-input",
    "latency",
  ]);
  for (const check of checks.values()) assert.equal(check.level, "pass", check.message);
  assert.equal(checks.get("tool-call")?.message, 'calls switch_view {"view":"workers"}');
});

Deno.test("forge validate backend gives precise findings for broken backends", async (t) => {
  await using sb = await forgeSandbox("backendbad");

  await t.step("one that hangs is stopped at FORGE_BACKEND_TIMEOUT_MS", async () => {
    const pidFile = join(sb.root, "hang.pid");
    const path = await script(
      sb,
      "hangs.sh",
      `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 300\n`,
    );
    const { code, valid, checks } = await validateBackend(sb, path, 500);
    assert.equal(code, 1);
    assert.equal(valid, false);
    assert.deepEqual([...checks.values()], [
      { id: "runs", level: "fail", message: "no reply within 0.5 s" },
    ]);
    const pid = Number(await Deno.readTextFile(pidFile));
    assert.equal(await isRunning(pid), false, `backend pid ${pid} still runs`);
  });

  await t.step("one that exits non-zero", async () => {
    const path = await script(
      sb,
      "exits.sh",
      "#!/bin/sh\ncat >/dev/null\necho 'model overloaded, try later' >&2\nexit 3\n",
    );
    const { code, checks } = await validateBackend(sb, path);
    assert.equal(code, 1);
    assert.deepEqual(checks.get("runs"), {
      id: "runs",
      level: "fail",
      message: "exited 3: model overloaded, try later",
    });
    assert.equal(checks.get("json")?.level, "fail");
    assert.equal(checks.get("tool-call")?.level, "fail");
  });

  await t.step("one that answers in prose", async () => {
    const path = await script(
      sb,
      "prose.sh",
      "#!/bin/sh\ncat >/dev/null\necho 'Sure! Switching to the workers view.'\n",
    );
    const { code, checks } = await validateBackend(sb, path);
    assert.equal(code, 1);
    assert.equal(checks.get("runs")?.level, "pass");
    assert.deepEqual(checks.get("json"), {
      id: "json",
      level: "fail",
      message:
        'stdout is not a JSON object with "tool_calls" or "message": "Sure! Switching to the workers view."',
    });
    assert.deepEqual(checks.get("tool-call"), {
      id: "tool-call",
      level: "fail",
      message: 'no tool call for "switch to workers view"',
    });
    assert.equal(checks.get("malformed-input")?.level, "fail");
    assert.match(checks.get("malformed-input")?.message ?? "", /accepted malformed input/);
  });

  await t.step("one whose tool call FORGE would refuse", async () => {
    const path = await script(
      sb,
      "wrong_args.sh",
      "#!/bin/sh\ncat >/dev/null\n" +
        `echo '{"tool_calls":[{"id":"1","tool":"switch_view","arguments":{"view":"kitchen"}}],"message":"2"}'\n`,
    );
    const { code, checks } = await validateBackend(sb, path);
    assert.equal(code, 1);
    assert.equal(checks.get("json")?.level, "pass");
    assert.equal(checks.get("tool-call")?.level, "fail");
    assert.match(
      checks.get("tool-call")?.message ?? "",
      /^calls switch_view \{"view":"kitchen"\}, which FORGE would refuse: switch_view: "view": /,
    );
  });

  await t.step("FORGE_BACKEND_TIMEOUT_MS must be a number of milliseconds", async () => {
    const run = await sb.forge(["validate", "backend", "true"], {
      env: { FORGE_BACKEND_TIMEOUT_MS: "soon" },
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /FORGE_BACKEND_TIMEOUT_MS "soon"/);
  });
});
