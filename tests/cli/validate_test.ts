import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../helpers/forge_env.ts";

const SIM = new URL("../../manifests/launchers/sim.sh", import.meta.url).pathname;

interface Validation {
  surface: string;
  valid: boolean;
  findings: { level: "pass" | "warn" | "fail"; label: string; message: string }[];
}

/** Runs `forge validate … --json` with the harness's temp files inside the sandbox. */
async function validate(sb: ForgeSandbox, surface: string, target: string, tmp: string) {
  const run = await sb.forge(["validate", surface, target, "--json"], { env: { TMPDIR: tmp } });
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as Validation };
}

/** Writes status and log files, then prints prose instead of JSON and starts nothing. */
const BROKEN_LAUNCHER = `#!/usr/bin/env bash
for a in "$@"; do
  case "$a" in --session-name=*) s=\${a#*=} ;; --workspace=*) w=\${a#*=} ;; esac
done
[ -n "\${s:-}" ] && [ -n "\${w:-}" ] || { echo "missing arguments" >&2; exit 2; }
mkdir -p "$FORGE_HOME/status" "$FORGE_HOME/logs"
printf '{"worker_id":"%s","status":"starting","model":"m","workspace":"%s"}\\n' "$s" "$w" \\
  >"$FORGE_HOME/status/$s.json"
printf '{"timestamp":"2026-01-02T11:00:00Z","level":"info","worker_id":"%s","message":"hi"}\\n' \\
  "$s" >>"$FORGE_HOME/logs/$s.log"
echo "worker started, trust me"
`;

Deno.test("forge validate launcher passes the sim launcher and fails a broken one", async (t) => {
  await using sb = await forgeSandbox("validatelauncher");
  const tmp = join(sb.root, "tmp");
  await Deno.mkdir(tmp);

  await t.step("the sim launcher is valid", async () => {
    const { code, stderr, report } = await validate(sb, "launcher", SIM, tmp);
    assert.equal(code, 0, `${stderr}${JSON.stringify(report)}`);
    assert.equal(report.valid, true);
    assert.deepEqual(report.findings.map((f) => [f.label, f.level]), [
      ["arguments", "pass"],
      ["output", "pass"],
      ["status-file", "pass"],
      ["log-file", "pass"],
      ["process", "pass"],
    ]);
  });

  await t.step("a launcher that prints prose and starts nothing is not", async () => {
    const broken = join(sb.root, "broken-launcher");
    await Deno.writeTextFile(broken, BROKEN_LAUNCHER, { mode: 0o755 });
    const { code, report } = await validate(sb, "launcher", broken, tmp);
    assert.equal(code, 1);
    assert.equal(report.valid, false);
    const byLabel = new Map(report.findings.map((f) => [f.label, f]));
    assert.equal(byLabel.get("arguments")?.level, "pass");
    assert.equal(byLabel.get("status-file")?.level, "pass");
    assert.equal(byLabel.get("log-file")?.level, "pass");
    assert.equal(byLabel.get("output")?.level, "fail");
    assert.match(byLabel.get("output")?.message ?? "", /printed no JSON object/);
    assert.equal(byLabel.get("process")?.level, "fail");
    assert.match(byLabel.get("process")?.message ?? "", /nothing alive/);
  });

  await t.step("a missing launcher is not found", async () => {
    const run = await sb.forge(["validate", "launcher", join(sb.root, "nope")]);
    assert.equal(run.code, 3);
    assert.match(run.stderr, /no such file/);
  });

  await t.step("the harness leaves no files and no tmux session behind", async () => {
    assert.deepEqual(await Array.fromAsync(Deno.readDir(tmp)), []);
    const sessions = await sb.tmux(["list-sessions", "-F", "#{session_name}"]);
    assert.equal(sessions.stdout, "");
  });
});

Deno.test("forge validate status accepts a good status file and explains a corrupt one", async (t) => {
  await using sb = await forgeSandbox("validatestatus");
  const tmp = sb.root;
  await t.step("good", async () => {
    const path = join(sb.workspace, "w1.json");
    const now = new Date().toISOString();
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        worker_id: "w1",
        status: "active",
        model: "sonnet",
        workspace: sb.workspace,
        pid: 12,
        started_at: now,
        last_activity: now,
      }),
    );
    const { code, report } = await validate(sb, "status", path, tmp);
    assert.equal(code, 0, JSON.stringify(report));
    assert.equal(report.valid, true);
    assert.deepEqual(report.findings, [
      { level: "pass", label: "ok", message: "status file follows the protocol" },
    ]);
  });
  await t.step("truncated JSON", async () => {
    const path = join(sb.workspace, "w2.json");
    await Deno.writeTextFile(path, '{"worker_id": "w2", "status": "act');
    const { code, report } = await validate(sb, "status", path, tmp);
    assert.equal(code, 1);
    assert.equal(report.valid, false);
    assert.match(report.findings[0]?.message ?? "", /not valid JSON/);
  });
  await t.step("an unknown status value", async () => {
    const path = join(sb.workspace, "w3.json");
    await Deno.writeTextFile(path, '{"worker_id": "w3", "status": "running"}');
    const run = await sb.forge(["validate", "status", path]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✗ error +unknown status "running"/);
    assert.match(run.stdout, /1 problem\(s\)/);
  });
});

Deno.test("forge validate worker-config names the line of a YAML error", async () => {
  await using sb = await forgeSandbox("validateworker");
  const path = join(sb.workspace, "bad.yaml");
  await Deno.writeTextFile(path, "name: bad\nlauncher: sim\nmodel: sim: extra\ntier: budget\n");
  const run = await sb.forge(["validate", "worker-config", path]);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /✗ error +line 3: /);
  assert.match(run.stdout, /worker-config .*bad\.yaml: 1 problem\(s\)/);
});
