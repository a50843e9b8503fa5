import assert from "node:assert/strict";
import { join } from "node:path";
import { waitFor } from "../helpers/wait.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const CHILD = join(ROOT, "tests/platform/_terminal_child.ts");

/** A tmux pane on a private server running the child in `mode`, then a shell. */
interface Pane {
  readonly record: string;
  /** Types into the pane (`send-keys` arguments). */
  keys(...args: string[]): Promise<void>;
  /** The pane's visible text. */
  capture(): Promise<string>;
  /** A tmux format (`#{alternate_on}`) evaluated for the pane. */
  format(format: string): Promise<string>;
  /** The lines the child recorded. */
  recorded(): Promise<string[]>;
  /** The child's exit status, once it exited. */
  exitStatus(): Promise<number | undefined>;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

async function withPane(mode: string, fn: (pane: Pane) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "forge_terminal_" });
  const socket = join(dir, "tmux.sock");
  const record = join(dir, "record.txt");
  const status = join(dir, "status.txt");
  const env = Deno.env.toObject();
  delete env["TMUX"];
  const tmux = async (...args: string[]) => {
    const out = await new Deno.Command("tmux", {
      args: ["-S", socket, ...args],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    if (!out.success) {
      throw new Error(`tmux ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
    }
    return text;
  };
  const session = `forge-terminal-${Deno.pid}-${mode}`;
  const script = `${quote(Deno.execPath())} run -A ${quote(CHILD)} ${mode} ${quote(record)}; ` +
    `echo $? > ${quote(status)}.tmp && mv ${quote(status)}.tmp ${quote(status)}; exec sh`;
  try {
    await tmux(
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      "100",
      "-y",
      "30",
      "-c",
      ROOT,
      "sh",
      "-c",
      script,
    );
    await fn({
      record,
      keys: async (...args) => void await tmux("send-keys", "-t", session, ...args),
      capture: () => tmux("capture-pane", "-p", "-J", "-t", session),
      format: async (format) => (await tmux("display", "-p", "-t", session, format)).trim(),
      recorded: async () => (await Deno.readTextFile(record).catch(() => "")).split("\n"),
      exitStatus: async () => {
        const text = await Deno.readTextFile(status).catch(() => undefined);
        return text === undefined ? undefined : Number(text.trim());
      },
    });
  } finally {
    await tmux("kill-server").catch(() => "");
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** Waits until the child is drawing on the alternate screen with the cursor hidden. */
async function waitRunning(pane: Pane): Promise<number> {
  await waitFor(async () => (await pane.format("#{alternate_on}")) === "1", {
    what: "the alternate screen while the child runs",
  });
  assert.equal(await pane.format("#{cursor_flag}"), "0", "the cursor is hidden while running");
  const line = await waitFor(
    async () => (await pane.recorded()).find((l) => l.startsWith("pid ")),
    {
      what: "the child's pid",
    },
  );
  return Number(line.slice(4));
}

/** Waits for the child to end, then checks the pane is back to normal, stty included. */
async function assertRestored(pane: Pane, expectedStatus: number): Promise<void> {
  // Wrapped: a status of 0 is falsy, and waitFor() waits for a truthy value.
  const exited = await waitFor(async () => {
    const code = await pane.exitStatus();
    return code === undefined ? undefined : { code };
  }, { what: "the child to exit" });
  assert.equal(exited.code, expectedStatus);
  assert.equal(await pane.format("#{alternate_on}"), "0", "off the alternate screen");
  assert.equal(await pane.format("#{cursor_flag}"), "1", "the cursor is visible");
  const stty = `${pane.record}.stty`;
  // C-j, not Enter: if raw mode had leaked, a CR would not end the line.
  await pane.keys("-l", `stty -a > ${quote(stty)}.tmp && mv ${quote(stty)}.tmp ${quote(stty)}`);
  await pane.keys("C-j");
  const modes = await waitFor(() => Deno.readTextFile(stty).catch(() => ""), {
    what: "stty -a in the pane",
  });
  assertCooked(modes);
}

/** Asserts `stty -a` output shows canonical mode and echo on. */
function assertCooked(modes: string): void {
  const flags = modes.split(/[\s;]+/);
  assert.ok(flags.includes("icanon") && !flags.includes("-icanon"), modes);
  assert.ok(flags.includes("echo") && !flags.includes("-echo"), modes);
}

Deno.test("createTerminal() restores the terminal when the program quits", async () => {
  await withPane("quit", async (pane) => {
    await waitRunning(pane);
    await pane.keys("-l", "xq");
    await assertRestored(pane, 0);
    const recorded = await pane.recorded();
    assert.ok(recorded.includes(`input "xq"`), "input() read the keys raw");
    const stty = recorded.find((line) => line.startsWith("stty "));
    assert.ok(stty !== undefined, "the child ran stty after restore()");
    assertCooked(stty);
  });
});

Deno.test("createTerminal() restores the terminal on exit without restore()", async () => {
  await withPane("exit", async (pane) => {
    await waitRunning(pane);
    await pane.keys("-l", "q");
    await assertRestored(pane, 0);
  });
});

Deno.test("createTerminal() restores the terminal on SIGTERM and still dies of it", async () => {
  await withPane("wait", async (pane) => {
    const pid = await waitRunning(pane);
    Deno.kill(pid, "SIGTERM");
    await assertRestored(pane, 143);
  });
});

Deno.test("createTerminal() hands SIGTERM to a subscriber", async () => {
  await withPane("subscribed", async (pane) => {
    const pid = await waitRunning(pane);
    Deno.kill(pid, "SIGTERM");
    await assertRestored(pane, 7);
    assert.ok((await pane.recorded()).includes("signal SIGTERM"));
  });
});

Deno.test("createTerminal() restores the terminal before an uncaught error is reported", async (t) => {
  const cases: [mode: string, message: string][] = [
    ["throw", "boom from a timer"],
    ["reject", "boom from a rejection"],
  ];
  for (const [mode, message] of cases) {
    await t.step(mode, async () => {
      await withPane(mode, async (pane) => {
        await waitRunning(pane);
        await pane.keys("-l", "q");
        await assertRestored(pane, 1);
        const screen = await pane.capture();
        assert.ok(
          screen.includes(message),
          `the error is reported on the normal screen:\n${screen}`,
        );
      });
    });
  }
});
