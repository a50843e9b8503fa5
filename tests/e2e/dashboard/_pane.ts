/**
 * The dashboard driven for real: FORGE from source in a tmux pane of the sandbox's private tmux
 * server, keys sent with send-keys, the screen read with capture-pane. The pane stays after the
 * program exits (remain-on-exit), and the command line around FORGE prints the terminal's state
 * afterwards, so a test can check that quitting gave the terminal back.
 */
import { join } from "node:path";
import type { ForgeSandbox } from "../../helpers/forge_env.ts";
import { waitFor } from "../../helpers/wait.ts";

const ROOT = new URL("../../..", import.meta.url).pathname;

/** A running dashboard in a tmux pane. */
export interface Pane {
  readonly target: string;
  /** The screen as text (rows joined by newlines). */
  capture(): Promise<string>;
  /** The screen with its escape sequences (colours). */
  captureAnsi(): Promise<string>;
  /** Sends tmux key names (`q`, `Enter`, `Escape`, `BTab`, `C-c`…). */
  keys(...keys: string[]): Promise<void>;
  /** Types text literally. */
  type(text: string): Promise<void>;
  resize(width: number, height: number): Promise<void>;
  /** A tmux format of the pane, e.g. `#{alternate_on}`. */
  format(format: string): Promise<string>;
  /** Waits until the screen contains the text (or matches), returning the screen. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until the program exited; returns what the shell printed after it. */
  waitForExit(timeoutMs?: number): Promise<string>;
}

let counter = 0;

/**
 * Starts `forge <args>` in a new tmux session of the sandbox.
 *
 * @param sandbox the FORGE sandbox (its tmux server, home and workspace)
 * @param options arguments, size and extra environment
 * @returns the pane
 */
export async function openPane(
  sandbox: ForgeSandbox,
  options: {
    readonly args: readonly string[];
    readonly width: number;
    readonly height: number;
    readonly env?: Readonly<Record<string, string>>;
    readonly cwd?: string;
  },
): Promise<Pane> {
  const target = `dash-${Deno.pid}-${++counter}`;
  // The sandbox turns colours off for plain CLI output; the dashboard is tested in colour
  // unless a test asks for NO_COLOR itself.
  const env: Record<string, string> = { ...sandbox.env, TERM: "xterm-256color" };
  delete env["NO_COLOR"];
  Object.assign(env, options.env ?? {});
  const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)};`).join(" ");
  const forge = [Deno.execPath(), "run", "-A", "--quiet", join(ROOT, "main.ts"), ...options.args]
    .map(shellQuote).join(" ");
  // After FORGE exits: its exit code and the terminal modes, then wait (keeps the pane readable).
  const script = `${exports} cd ${shellQuote(options.cwd ?? sandbox.workspace)}; ${forge}; ` +
    `echo "FORGE-EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | ` +
    `tr '\\n' ' '; echo; echo FORGE-DONE; exec sleep 3600`;
  const made = await sandbox.tmux([
    "new-session",
    "-d",
    "-s",
    target,
    "-x",
    String(options.width),
    "-y",
    String(options.height),
    "sh",
    "-c",
    script,
  ]);
  if (made.code !== 0) throw new Error(`tmux new-session failed: ${made.stderr}`);
  await sandbox.tmux(["set-option", "-t", target, "window-size", "manual"]);
  const run = async (args: string[]) => {
    const r = await sandbox.tmux(args);
    if (r.code !== 0) throw new Error(`tmux ${args.join(" ")} failed: ${r.stderr}`);
    return r.stdout;
  };
  const pane: Pane = {
    target,
    capture: () => run(["capture-pane", "-p", "-t", target]),
    captureAnsi: () => run(["capture-pane", "-p", "-e", "-t", target]),
    keys: async (...keys) => void await run(["send-keys", "-t", target, ...keys]),
    type: async (text) => void await run(["send-keys", "-t", target, "-l", text]),
    resize: async (width, height) =>
      void await run(["resize-window", "-t", target, "-x", String(width), "-y", String(height)]),
    format: async (format) => (await run(["display-message", "-p", "-t", target, format])).trim(),
    waitFor: (text, timeoutMs = 30_000) =>
      waitFor(async () => {
        const screen = await pane.capture();
        return (typeof text === "string" ? screen.includes(text) : text.test(screen))
          ? screen
          : undefined;
      }, { timeoutMs, intervalMs: 50, what: `"${String(text)}" on the dashboard` })
        .catch(async (error) => {
          throw new Error(`${(error as Error).message}\n--- screen ---\n${await pane.capture()}`);
        }),
    waitForExit: async (timeoutMs = 30_000) => {
      const screen = await pane.waitFor("FORGE-DONE", timeoutMs);
      return screen.slice(screen.indexOf("FORGE-EXIT="));
    },
  };
  return pane;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
