import assert from "node:assert/strict";
import { join } from "node:path";
import { commandBackend } from "../../../src/chat/backends/mod.ts";
import type { ChatBackendError } from "../../../src/chat/chat_types.ts";
import { denoProcesses } from "../../../src/platform/mod.ts";
import { tempDir } from "../../helpers/temp.ts";
import { waitFor } from "../../helpers/wait.ts";
import {
  backendError,
  chatSettings,
  failure,
  fixedSecrets,
  sampleRequest,
  testDeps,
} from "./_backend_fixture.ts";

/** Writes an executable shell script that saves its stdin, then runs `body`. */
async function backendScript(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, `#!/bin/sh\ncat > '${path}.stdin'\n${body}\n`, { mode: 0o755 });
  return path;
}

/** Asks a backend running `body` and returns its reply. */
async function askScript(body: string, raw: Record<string, unknown> = {}) {
  await using dir = await tempDir("forge_chat_cmd_");
  const path = await backendScript(dir.path, "backend.sh", body);
  const settings = await chatSettings({ backend: "command", command: path, ...raw });
  return await commandBackend(settings, testDeps()).ask(await sampleRequest());
}

/** Asks a backend running `body` and returns the ChatBackendError it fails with. */
async function failScript(
  body: string,
  raw: Record<string, unknown> = {},
): Promise<ChatBackendError> {
  await using dir = await tempDir("forge_chat_cmd_");
  const path = await backendScript(dir.path, "backend.sh", body);
  const settings = await chatSettings({ backend: "command", command: path, ...raw });
  const backend = commandBackend(settings, testDeps());
  return await backendError(async () => backend.ask(await sampleRequest()));
}

Deno.test("commandBackend() reads the replies backends print", async (t) => {
  const cases: [name: string, stdout: string, expected: unknown][] = [
    [
      "the protocol",
      '{"tool_calls":[{"id":"c1","tool":"switch_view","arguments":{"view":"workers"}}],' +
      '"message":"Opening workers","requires_confirmation":true}',
      {
        message: "Opening workers",
        calls: [{ id: "c1", tool: "switch_view", arguments: { view: "workers" } }],
        requiresConfirmation: true,
      },
    ],
    [
      "name and parameters",
      '{"tool_calls":[{"id":"c2","name":"show_workers","parameters":{"state":"idle"}}],' +
      '"message":""}',
      {
        message: "",
        calls: [{ id: "c2", tool: "show_workers", arguments: { state: "idle" } }],
        requiresConfirmation: false,
      },
    ],
    [
      "arguments as a JSON string",
      '{"tool_calls":[{"id":"c3","tool":"switch_view","arguments":"{\\"view\\":\\"tasks\\"}"}]}',
      {
        message: "",
        calls: [{ id: "c3", tool: "switch_view", arguments: { view: "tasks" } }],
        requiresConfirmation: false,
      },
    ],
    [
      "the one-line {text, tool_calls} without ids",
      '{"text":"Here you go","tool_calls":[{"name":"help","parameters":{}},' +
      '{"name":"show_costs","parameters":{"period":"week"}}]}',
      {
        message: "Here you go",
        calls: [
          { id: "call-1", tool: "help", arguments: {} },
          { id: "call-2", tool: "show_costs", arguments: { period: "week" } },
        ],
        requiresConfirmation: false,
      },
    ],
  ];
  for (const [name, stdout, expected] of cases) {
    await t.step(name, async () => {
      assert.deepEqual(await askScript(`cat <<'EOF'\n${stdout}\nEOF`), expected);
    });
  }
  await t.step("noise lines around the JSON", async () => {
    const reply = await askScript(
      "echo 'loading model weights…'\n" +
        `echo '{"message":"2 workers","tool_calls":[]}'\n` +
        "echo 'done in 1.2 s'",
    );
    assert.deepEqual(reply, { message: "2 workers", calls: [], requiresConfirmation: false });
  });
});

Deno.test("commandBackend() writes the protocol request on stdin, with args and env", async () => {
  await using dir = await tempDir("forge_chat_cmd_");
  const path = await backendScript(
    dir.path,
    "echo.sh",
    `printf '{"message":"%s|%s|%s"}' "$*" "$BACKEND_TOKEN" "$(pwd)"`,
  );
  const settings = await chatSettings({
    backend: "command",
    command: `${path} --mode "two words"`,
    args: ["--extra"],
    env: { BACKEND_TOKEN: "${env:CHAT_TOKEN}" },
  });
  const deps = testDeps({ secrets: fixedSecrets({ CHAT_TOKEN: "tok-42" }), cwd: dir.path });
  const request = await sampleRequest("pause all", [
    { role: "user", content: "show workers" },
    { role: "assistant", content: "1 worker" },
  ]);
  const reply = await commandBackend(settings, deps).ask(request);
  assert.equal(reply.message, `--mode two words --extra|tok-42|${await Deno.realPath(dir.path)}`);
  const stdin = JSON.parse(await Deno.readTextFile(`${path}.stdin`));
  assert.deepEqual(Object.keys(stdin), ["message", "context", "tools", "history"]);
  assert.deepEqual(stdin, JSON.parse(JSON.stringify(request)));
  assert.ok(stdin.tools.some((t: { name: string }) => t.name === "spawn_workers"));
});

Deno.test("commandBackend() names a secret reference of chat.env that has no value", async () => {
  await using dir = await tempDir("forge_chat_cmd_");
  const path = await backendScript(dir.path, "b.sh", `echo '{"message":"ran"}'`);
  const settings = await chatSettings({
    backend: "command",
    command: path,
    env: { BACKEND_TOKEN: "${env:CHAT_TOKEN}" },
  });
  const backend = commandBackend(settings, testDeps());
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.match(
    error.message,
    /^the chat backend cannot read chat\.env\.BACKEND_TOKEN: it needs environment variable CHAT_TOKEN, which has no value; export CHAT_TOKEN/,
  );
  assert.equal(await Deno.stat(`${path}.stdin`).catch(() => undefined), undefined, "not run");
});

Deno.test("commandBackend() stops a backend that hangs and says so", async () => {
  await using dir = await tempDir("forge_chat_cmd_");
  const pidFile = join(dir.path, "pid");
  const path = await backendScript(dir.path, "hang.sh", `echo $$ > '${pidFile}'\nexec sleep 300`);
  const settings = await chatSettings({ backend: "command", command: path, timeout_seconds: 0.5 });
  const backend = commandBackend(settings, testDeps());
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.match(
    error.message,
    /^the chat backend gave no answer within 0\.5 s; ".*hang\.sh" was stopped/,
  );
  assert.match(error.message, /raise chat\.timeout_seconds$/);
  assert.equal(error.transient, true);
  const pid = Number(await Deno.readTextFile(pidFile));
  assert.equal(await denoProcesses.isAlive(pid), false, `backend pid ${pid} still runs`);
});

Deno.test("commandBackend() gives up when the caller aborts, and stops the backend", async () => {
  await using dir = await tempDir("forge_chat_cmd_");
  const pidFile = join(dir.path, "pid");
  const path = await backendScript(dir.path, "hang.sh", `echo $$ > '${pidFile}'\nexec sleep 300`);
  const settings = await chatSettings({ backend: "command", command: path, timeout_seconds: 60 });
  const controller = new AbortController();
  const asking = commandBackend(settings, testDeps()).ask(await sampleRequest(), controller.signal);
  const pid = Number(
    await waitFor(() => Deno.readTextFile(pidFile).then((t) => t.trim()), { what: "the pid" }),
  );
  controller.abort(new Error("user pressed Esc"));
  const error = await failure(() => asking);
  assert.equal(error.message, "user pressed Esc");
  assert.equal(await denoProcesses.isAlive(pid), false, `backend pid ${pid} still runs`);
});

Deno.test("commandBackend() explains each way a backend fails", async (t) => {
  await t.step("exits non-zero: the code and the last stderr line", async () => {
    const error = await failScript("echo 'starting' >&2\necho 'model overloaded' >&2\nexit 3");
    assert.match(
      error.message,
      /^the chat backend ".*backend\.sh" exited with code 3 \(model overloaded\); fix the backend, or check it with forge validate backend$/,
    );
    assert.equal(error.transient, false);
  });
  await t.step("exits non-zero with {error} on stdout: that error", async () => {
    const error = await failScript(`echo '{"error": "bad input"}'\nexit 1`);
    assert.match(error.message, /exited with code 1 \(bad input\)/);
  });
  await t.step("prints prose: the first 80 characters", async () => {
    const prose =
      "Sure! I will switch to the workers view for you right away; it lists every worker.";
    const error = await failScript(`echo '${prose} More text follows here.'`);
    assert.ok(
      error.message.startsWith(
        `the chat backend's reply is not JSON: "${
          prose.slice(0, 80)
        }…"; it must print one JSON object`,
      ),
      error.message,
    );
    assert.equal(error.transient, false);
  });
  await t.step("prints nothing", async () => {
    const error = await failScript("true");
    assert.match(error.message, /^the chat backend printed nothing/);
  });
  await t.step('answers {"error": …}: quoted', async () => {
    const error = await failScript(`echo '{"error": "quota exceeded for today"}'`);
    assert.equal(
      error.message,
      'the chat backend answered with an error: "quota exceeded for today"',
    );
    assert.equal(error.transient, false);
  });
  await t.step("is not found: fix chat.command", async () => {
    const settings = await chatSettings({
      backend: "command",
      command: "/nonexistent/forge-chat-backend --x",
    });
    const backend = commandBackend(settings, testDeps());
    const error = await backendError(async () => backend.ask(await sampleRequest()));
    assert.match(
      error.message,
      /^the chat backend command "\/nonexistent\/forge-chat-backend" was not found \(.*\); fix chat\.command \(a command on PATH or an absolute path\)$/,
    );
    assert.equal(error.transient, false);
  });
});
