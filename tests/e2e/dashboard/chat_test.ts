/**
 * The command line's chat for real: a `command` backend that never answers keeps a free-form line
 * pending while the dashboard goes on (Esc, other views), its timeout is reported in a toast and
 * the transcript, and the fast path still acts meanwhile; chat settings that cannot make a
 * backend leave the dashboard working and say why.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type ForgeSandbox, forgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";
import { openPane, type Pane } from "./_pane.ts";

async function emptyQueue(sb: ForgeSandbox): Promise<void> {
  await Deno.mkdir(join(sb.workspace, ".beads"), { recursive: true });
  await Deno.writeTextFile(join(sb.workspace, ".beads", "issues.jsonl"), "");
}

async function openView(pane: Pane, key: string, title: string): Promise<void> {
  await pane.keys(key);
  await pane.waitFor(`━ ${title} ━`);
}

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

/**
 * Configures a `command` backend that never answers; it writes its pid to the returned file.
 */
async function hangingBackend(sb: ForgeSandbox, timeoutSeconds: number): Promise<string> {
  const pidFile = join(sb.root, "backend.pid");
  const script = join(sb.root, "hang.sh");
  await Deno.writeTextFile(script, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 300\n`);
  await Deno.chmod(script, 0o755);
  await Deno.writeTextFile(
    join(sb.home, "config.yaml"),
    `chat:\n  backend: command\n  command: ${JSON.stringify(script)}\n` +
      `  timeout_seconds: ${timeoutSeconds}\n`,
  );
  await emptyQueue(sb);
  return pidFile;
}

/** Opens the dashboard and sends a free-form line to the (hanging) backend. */
async function askFreeForm(sb: ForgeSandbox): Promise<Pane> {
  const pane = await openPane(sb, { args: [], width: 150, height: 40 });
  await pane.waitFor("━ Workers ━", 60_000);
  await openView(pane, ":", "Command");
  await pane.type("which beads look stuck to you");
  await pane.keys("Enter");
  await pane.waitFor("… asking");
  return pane;
}

async function killLeftover(pidFile: string): Promise<void> {
  const pid = await Deno.readTextFile(pidFile).then(Number).catch(() => undefined);
  if (pid !== undefined && alive(pid)) Deno.kill(pid, "SIGKILL");
}

Deno.test({
  name: "dashboard e2e: a hanging chat backend times out while the dashboard keeps working",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashchat");
    const pidFile = await hangingBackend(sb, 3);
    try {
      const pane = await askFreeForm(sb);
      // Esc and a letter in one write read as Alt+letter, as in any terminal: two writes.
      await pane.keys("Escape");
      await waitFor(async () => !(await pane.capture()).includes("━ Command ━"), {
        what: "the command line to close",
      });
      await openView(pane, "t", "Tasks");
      await openView(pane, "c", "Costs");
      const told = await pane.waitFor(/gave no answer within 3 s/, 30_000);
      assert.match(told, /━ Costs ━/, "the answer did not pull the user back into chat");
      const pid = Number((await Deno.readTextFile(pidFile)).trim());
      await waitFor(() => !alive(pid), { what: "the hanging backend to be stopped" });

      await openView(pane, ":", "Command");
      await pane.waitFor(/forge › the chat backend gave no answer within 3 s/);
      await pane.type("resume all");
      await pane.keys("Enter");
      await pane.waitFor(/[✓✗] (resumed|no paused workers to resume)/, 30_000);
      await pane.keys("Escape");
      await pane.waitFor("━ Costs ━");
      await pane.keys("q");
      assert.match(await pane.waitForExit(60_000), /FORGE-EXIT=0/);

      // Both requests are in the chat history, typed in the dashboard.
      const history = await sb.forge(["chat", "--history", "--json"]);
      assert.equal(history.code, 0, history.stderr);
      const entries = JSON.parse(history.stdout).entries as {
        via: string;
        text: string;
        answered_by: string;
        error: string | null;
      }[];
      assert.deepEqual(
        entries.map((e) => [e.via, e.text, e.answered_by, e.error !== null]),
        [
          ["tui", "which beads look stuck to you", "command", true],
          ["tui", "resume all", "fast-path", false],
        ],
      );
    } finally {
      await killLeftover(pidFile);
    }
  },
});

Deno.test({
  name: "dashboard e2e: quitting with a chat request out stops the backend command",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashchatquit");
    const pidFile = await hangingBackend(sb, 600);
    try {
      const pane = await askFreeForm(sb);
      const pid = Number(
        await waitFor(() => Deno.readTextFile(pidFile).then((t) => t.trim()), {
          what: "the backend command to start",
        }),
      );
      assert.ok(alive(pid));
      await pane.keys("C-c");
      assert.match(await pane.waitForExit(60_000), /FORGE-EXIT=0/);
      await waitFor(() => !alive(pid), { what: "the backend command to be stopped" });
    } finally {
      await killLeftover(pidFile);
    }
  },
});

Deno.test({
  name: "dashboard e2e: chat settings that make no backend leave the dashboard and the fast " +
    "path working, and say why",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using sb = await forgeSandbox("dashnochat");
    await Deno.writeTextFile(
      join(sb.home, "config.yaml"),
      `chat:\n  backend: command\n  command: " "\n`,
    );
    await emptyQueue(sb);
    const pane = await openPane(sb, { args: [], width: 150, height: 40 });
    await pane.waitFor("Chat's backend is unavailable", 60_000);
    await openView(pane, ":", "Command");
    await pane.waitFor(/chat\.command is empty/);
    await pane.type("tasks");
    await pane.keys("Enter");
    await pane.waitFor("━ Tasks ━");
    await pane.keys("q");
    assert.match(await pane.waitForExit(60_000), /FORGE-EXIT=0/);
  },
});
