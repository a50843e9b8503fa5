import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";

interface Finding {
  group: string;
  name: string;
  level: "ok" | "info" | "warn" | "error";
  detail: string;
}

interface Report {
  ok: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
}

const IS_ROOT = Deno.uid() === 0;

Deno.test("forge doctor passes a fresh FORGE home with tmux on PATH", async () => {
  await using sb = await forgeSandbox("doctor");
  const json = await sb.forge(["doctor", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const report: Report = JSON.parse(json.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.errors, 0);
  const tmux = report.findings.find((f) => f.name === "tmux");
  assert.equal(tmux?.level, "ok");
  assert.match(tmux?.detail ?? "", /tmux/);
  assert.equal(report.findings.find((f) => f.name === "FORGE_HOME")?.level, "ok");

  const text = await sb.forge(["doctor"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /✓ tmux: /);
  assert.match(text.stdout, /\nAll good/);
});

Deno.test("forge doctor warns about a corrupt status file and malformed log lines, with samples", async () => {
  await using sb = await forgeSandbox("doctorwarn");
  await Deno.mkdir(join(sb.home, "status"), { recursive: true });
  await Deno.mkdir(join(sb.home, "logs"), { recursive: true });
  await Deno.writeTextFile(
    join(sb.home, "status", "broken-one.json"),
    '{"worker_id": "broken-one",',
  );
  await Deno.writeTextFile(
    join(sb.home, "logs", "w1.log"),
    [
      '{"timestamp":"2026-01-02T11:00:00Z","level":"info","worker_id":"w1","message":"fine"}',
      '{"timestamp":"2026-01-02T11:01:00Z","level":"inf',
      '{"timestamp":"2026-01-02T11:02:00Z","level":"info","worker_id":"w1","message":"fine"}',
      "{not json at all",
      "",
    ].join("\n"),
  );
  const json = await sb.forge(["doctor", "--json"]);
  assert.equal(json.code, 0, json.stderr);
  const report: Report = JSON.parse(json.stdout);
  assert.equal(report.ok, true);
  const warnings = report.findings.filter((f) => f.level === "warn");
  assert.equal(report.warnings, warnings.length);
  const status = warnings.find((f) => f.group === "status" && f.name === "broken-one");
  assert.match(status?.detail ?? "", /not valid JSON/);
  const samples = warnings.filter((f) => f.group === "logs" && f.name === "w1.log");
  assert.deepEqual(samples.map((f) => /^line (\d+): /.exec(f.detail)?.[1]), ["2", "4"]);
  assert.match(samples[0]?.detail ?? "", /"level":"inf$/);
  assert.match(samples[1]?.detail ?? "", /\{not json at all$/);
  assert.match(
    warnings.find((f) => f.name === "worker logs")?.detail ?? "",
    /2 malformed lines skipped/,
  );

  const text = await sb.forge(["doctor"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /! broken-one: status file is not valid JSON/);
  assert.match(text.stdout, /! w1\.log: line 4: .*\{not json at all/);
  assert.match(text.stdout, /All good \(\d+ warning\(s\)\)/);
});

Deno.test("forge doctor fails when tmux is not on PATH", async () => {
  await using sb = await forgeSandbox("doctornotmux");
  const empty = join(sb.root, "empty-bin");
  await Deno.mkdir(empty);
  const run = await sb.forge(["doctor", "--json"], { env: { PATH: empty } });
  assert.equal(run.code, 1, run.stderr);
  const report: Report = JSON.parse(run.stdout);
  assert.equal(report.ok, false);
  const tmux = report.findings.find((f) => f.name === "tmux");
  assert.equal(tmux?.level, "error");
  assert.match(tmux?.detail ?? "", /not found/);
});

Deno.test("forge doctor fails when FORGE_HOME cannot be created", async () => {
  await using sb = await forgeSandbox("doctorhomefile");
  const file = join(sb.root, "a-file");
  await Deno.writeTextFile(file, "");
  const home = join(file, "home");
  const run = await sb.forge(["doctor", "--json"], { env: { FORGE_HOME: home } });
  assert.equal(run.code, 1, run.stderr);
  const report: Report = JSON.parse(run.stdout);
  assert.equal(report.ok, false);
  const finding = report.findings.find((f) => f.name === "FORGE_HOME");
  assert.equal(finding?.level, "error");
  assert.match(finding?.detail ?? "", new RegExp(`Cannot use FORGE home "${home}"`));
});

Deno.test({
  name: IS_ROOT
    ? "forge doctor fails on a read-only FORGE_HOME (skipped: root writes through chmod 500)"
    : "forge doctor fails on a read-only FORGE_HOME",
  ignore: IS_ROOT,
  async fn() {
    await using sb = await forgeSandbox("doctorreadonly");
    await Deno.chmod(sb.home, 0o500);
    try {
      const run = await sb.forge(["doctor", "--json"]);
      assert.equal(run.code, 1, run.stderr);
      const report: Report = JSON.parse(run.stdout);
      assert.equal(report.ok, false);
      const finding = report.findings.find((f) => f.name === "FORGE_HOME");
      assert.equal(finding?.level, "error");
      assert.match(finding?.detail ?? "", /Cannot use FORGE home/);
    } finally {
      await Deno.chmod(sb.home, 0o700);
    }
  },
});

Deno.test("forge doctor checks the chat backend without contacting it", async (t) => {
  await using sb = await forgeSandbox("doctorchat");
  const config = join(sb.home, "config.yaml");
  const chat = async () => {
    const run = await sb.forge(["doctor", "--json"], { env: { FORGE_TEST_CHAT_KEY: "" } });
    const report: Report = JSON.parse(run.stdout);
    return { code: run.code, chat: report.findings.filter((f) => f.group === "chat") };
  };
  await t.step("no backend: the fast path only", async () => {
    const { code, chat: found } = await chat();
    assert.equal(code, 0);
    assert.deepEqual(found.map((f) => [f.name, f.level]), [["backend", "info"]]);
  });
  await t.step("an API key reference without a value", async () => {
    await Deno.writeTextFile(
      config,
      "chat:\n  backend: openai\n  model: m\n  url: http://127.0.0.1:9/v1\n" +
        "  api_key: ${env:FORGE_TEST_CHAT_KEY}\n",
      { mode: 0o600 },
    );
    const { code, chat: found } = await chat();
    assert.equal(code, 1);
    assert.deepEqual(found.map((f) => [f.name, f.level]), [["backend", "ok"], [
      "api key",
      "error",
    ]]);
    assert.equal(found[1]?.detail, "environment variable FORGE_TEST_CHAT_KEY has no value");
  });
  await t.step("a backend command that is not there", async () => {
    await Deno.writeTextFile(config, "chat:\n  backend: command\n  command: no-such-backend --x\n");
    const { code, chat: found } = await chat();
    assert.equal(code, 1);
    assert.deepEqual(
      found.find((f) => f.name === "command")?.detail,
      '"no-such-backend" not found: fix chat.command',
    );
  });
});
