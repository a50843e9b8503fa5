import assert from "node:assert/strict";
import { join } from "node:path";
import { denoFs, systemClock } from "../../src/platform/mod.ts";
import {
  type HarnessCheck,
  manifestsDir,
  validateLauncher,
  type ValidateLauncherOptions,
} from "../../src/workers/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { waitFor } from "../helpers/wait.ts";
import { type TmuxSandbox, tmuxSandbox } from "./_tmux_sandbox.ts";

const SHIPPED = join(manifestsDir(), "launchers");
const SETTLE_MS = 300;

function options(
  sandbox: TmuxSandbox,
  home: string,
  extra: Record<string, string> = {},
  fileWaitMs = 2_000,
): ValidateLauncherOptions {
  return {
    fs: denoFs,
    processes: sandbox.processes,
    clock: systemClock,
    baseEnv: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: home,
      TMUX_TMPDIR: sandbox.dir,
      ...extra,
    },
    forgeBin: "/bin/false",
    fileWaitMs,
    settleMs: SETTLE_MS,
  };
}

function summary(checks: readonly HarnessCheck[]): [string, boolean][] {
  return checks.map((c) => [c.id, c.ok]);
}

const ALL_PASS: [string, boolean][] = [
  ["arguments", true],
  ["output", true],
  ["status-file", true],
  ["log-file", true],
  ["process", true],
];

Deno.test("validateLauncher() passes the shipped sim launcher", async () => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const checks = await validateLauncher(join(SHIPPED, "sim.sh"), options(sandbox, dir.path));
  assert.deepEqual(summary(checks), ALL_PASS, JSON.stringify(checks, null, 2));
  assert.equal(checks[0]?.message, "exits 0 with valid arguments and 2 with only --model");
  assert.deepEqual(await sandbox.tmux(["list-sessions"]).then((r) => r.stdout), "", "cleaned up");
});

Deno.test("validateLauncher() passes the agent launchers when their *_BIN is a fake agent", async (t) => {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const agent = join(dir.path, "fake-agent");
  await Deno.writeTextFile(agent, "#!/usr/bin/env bash\nexec sleep 300\n");
  await Deno.chmod(agent, 0o755);
  const cases: [string, string][] = [
    ["claude-code", "CLAUDE_BIN"],
    ["codex", "CODEX_BIN"],
    ["opencode", "OPENCODE_BIN"],
    ["aider", "AIDER_BIN"],
    ["gemini", "GEMINI_BIN"],
  ];
  for (const [launcher, variable] of cases) {
    await t.step(launcher, async () => {
      const checks = await validateLauncher(
        join(SHIPPED, `${launcher}.sh`),
        options(sandbox, dir.path, { [variable]: agent }),
      );
      assert.deepEqual(summary(checks), ALL_PASS, JSON.stringify(checks, null, 2));
    });
  }
  await t.step("without the agent the launch fails with the launcher's reason", async () => {
    const checks = await validateLauncher(
      join(SHIPPED, "codex.sh"),
      options(sandbox, dir.path, { CODEX_BIN: join(dir.path, "no-such-agent") }, 300),
    );
    assert.deepEqual(checks[0], {
      id: "arguments",
      ok: false,
      message: `exited 1 with valid arguments: launcher: agent CLI "${
        join(dir.path, "no-such-agent")
      }" is not on PATH; install it with: npm install -g @openai/codex (or set CODEX_BIN)`,
    });
  });
});

/** How a test launcher misbehaves; everything else it does right. */
interface Flaw {
  readonly acceptsMissingArgs?: boolean;
  readonly stdout?: "invalid-json" | "running";
  readonly noStatusFile?: boolean;
  readonly noLog?: boolean;
  readonly spawn?: "tmux" | "background" | "nothing";
}

/** A small bash launcher that speaks the protocol except for one flaw. */
function launcherScript(record: string, flaw: Flaw): string {
  const missing = flaw.acceptsMissingArgs === true
    ? "exit 0"
    : 'echo "launcher: missing --workspace or --session-name" >&2; exit 2';
  const spawn = {
    tmux: `tmux new-session -d -s "$s" "sleep 300" || exit 1
pid=$(tmux list-panes -t "=$s" -F '#{pane_pid}')`,
    background: "sleep 300 >/dev/null 2>&1 </dev/null &\npid=$!",
    nothing: "pid=$(sh -c 'echo $$')",
  }[flaw.spawn ?? "tmux"];
  const status = flaw.stdout === "running" ? "running" : "spawned";
  const comma = flaw.stdout === "invalid-json" ? "," : "";
  return `#!/usr/bin/env bash
set -u
model="" ws="" s=""
for a in "$@"; do
  case "$a" in
    --model=*) model=\${a#*=} ;;
    --workspace=*) ws=\${a#*=} ;;
    --session-name=*) s=\${a#*=} ;;
  esac
done
if [ -z "$ws" ] || [ -z "$s" ]; then ${missing}; fi
mkdir -p "$FORGE_HOME/status" "$FORGE_HOME/logs"
${
    flaw.noStatusFile === true
      ? ""
      : `printf '{"worker_id":"%s","status":"starting","model":"%s","workspace":"%s"}\\n' \\
  "$s" "$model" "$ws" >"$FORGE_HOME/status/$s.json"`
  }
${
    flaw.noLog === true
      ? ""
      : `printf '{"timestamp":"2026-02-17T00:45:22Z","level":"info","worker_id":"%s","message":"Worker started"}\\n' \\
  "$s" >>"$FORGE_HOME/logs/$s.log"`
  }
${spawn}
echo "$s $pid" >"${record}"
printf '{"worker_id":"%s","pid":%s,"status":"${status}","session":"%s"${comma}}\\n' "$s" "$pid" "$s"
`;
}

async function runFlawed(
  flaw: Flaw,
  fileWaitMs = 2_000,
): Promise<{ checks: HarnessCheck[]; session: string; pid: number }> {
  await using dir = await tempDir();
  await using sandbox = await tmuxSandbox();
  const record = join(dir.path, "record");
  const launcher = join(dir.path, "launcher.sh");
  await Deno.writeTextFile(launcher, launcherScript(record, flaw));
  await Deno.chmod(launcher, 0o755);
  const checks = await validateLauncher(launcher, options(sandbox, dir.path, {}, fileWaitMs));
  const [session = "", pid = "0"] = (await Deno.readTextFile(record)).trim().split(" ");
  assert.deepEqual(
    (await sandbox.tmux(["list-sessions"])).stdout,
    "",
    "the harness cleaned up its session",
  );
  await waitFor(async () => !await sandbox.processes.isAlive(Number(pid)), {
    what: "the harness to stop the launched process",
  });
  return { checks, session, pid: Number(pid) };
}

/** Asserts that exactly one check failed, with this message. */
function failsOnly(checks: readonly HarnessCheck[], id: HarnessCheck["id"], message: string): void {
  assert.deepEqual(
    summary(checks),
    ALL_PASS.map(([name]) => [name, name !== id]),
    JSON.stringify(checks, null, 2),
  );
  assert.equal(checks.find((c) => c.id === id)?.message, message);
}

Deno.test("validateLauncher() passes a well-behaved test launcher, with tmux or a plain pid", async (t) => {
  await t.step("tmux", async () => {
    const { checks, session, pid } = await runFlawed({});
    assert.deepEqual(checks, [
      {
        id: "arguments",
        ok: true,
        message: "exits 0 with valid arguments and 2 with only --model",
      },
      {
        id: "output",
        ok: true,
        message: `stdout is one JSON object with worker_id, pid ${pid} and status "spawned"`,
      },
      { id: "status-file", ok: true, message: 'status file written (status "starting")' },
      { id: "log-file", ok: true, message: "log file written" },
      { id: "process", ok: true, message: `tmux session "${session}" is alive after 0.3 s` },
    ]);
  });
  await t.step("a background pid, which the harness stops afterwards", async () => {
    const { checks, pid } = await runFlawed({ spawn: "background" });
    assert.deepEqual(checks[4], {
      id: "process",
      ok: true,
      message: `pid ${pid} is alive after 0.3 s`,
    });
  });
});

Deno.test("validateLauncher() fails a launcher that accepts missing arguments", async () => {
  const { checks } = await runFlawed({ acceptsMissingArgs: true });
  failsOnly(
    checks,
    "arguments",
    "exited 0 when called with only --model; missing arguments must fail",
  );
});

Deno.test("validateLauncher() fails a launcher that prints invalid JSON", async () => {
  const { checks, session, pid } = await runFlawed({ stdout: "invalid-json" });
  const printed =
    `{"worker_id":"${session}","pid":${pid},"status":"spawned","session":"${session}",}`;
  let reason = "";
  try {
    JSON.parse(printed);
  } catch (error) {
    reason = (error as Error).message;
  }
  failsOnly(checks, "output", `stdout: printed invalid JSON (${reason})`);
});

Deno.test('validateLauncher() fails a launcher that reports status "running"', async () => {
  const { checks } = await runFlawed({ stdout: "running" });
  failsOnly(checks, "output", 'stdout: status is "running"; a launcher must report "spawned"');
});

Deno.test("validateLauncher() fails a launcher that writes no status file", async () => {
  const { checks, session } = await runFlawed({ noStatusFile: true }, 300);
  failsOnly(
    checks,
    "status-file",
    `no status file at $FORGE_HOME/status/${session}.json within 0.3 s`,
  );
});

Deno.test("validateLauncher() fails a launcher that writes no log", async () => {
  const { checks, session } = await runFlawed({ noLog: true }, 300);
  failsOnly(checks, "log-file", `no non-empty log at $FORGE_HOME/logs/${session}.log within 0.3 s`);
});

Deno.test("validateLauncher() fails a launcher that leaves no live process", async () => {
  const { checks, session, pid } = await runFlawed({ spawn: "nothing" });
  failsOnly(
    checks,
    "process",
    `nothing alive after 0.3 s: no tmux session "${session}" and pid ${pid} has exited`,
  );
});
