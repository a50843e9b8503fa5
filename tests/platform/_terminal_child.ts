/**
 * Run by terminal_test.ts in a tmux pane: enters the terminal through createTerminal(), records
 * its pid and the keys it reads (until "q"), then ends the way its mode says:
 * - `quit`: restore(), record `stty -a`, return;
 * - `exit`: Deno.exit(0) without restore();
 * - `wait`: read until a signal ends it;
 * - `subscribed`: a signal listener restores and exits with 7;
 * - `throw` / `reject`: an uncaught error in a timer / an unhandled rejection.
 * Arguments: mode, file to record in.
 */
import { createTerminal } from "../../src/platform/mod.ts";

const [mode = "quit", record = "/dev/null"] = Deno.args;
const note = (line: string) => Deno.writeTextFileSync(record, `${line}\n`, { append: true });

const terminal = createTerminal();
terminal.enter();
terminal.write(`\x1b[H${mode}: running`);
if (mode === "subscribed") {
  terminal.onSignal((signal) => {
    terminal.restore();
    note(`signal ${signal}`);
    Deno.exit(7);
  });
}
note(`pid ${Deno.pid}`);

const controller = new AbortController();
let received = "";
for await (const chunk of terminal.input(controller.signal)) {
  received += new TextDecoder().decode(chunk);
  if (received.includes("q")) controller.abort();
}
note(`input ${JSON.stringify(received)}`);

if (mode === "quit") {
  terminal.restore();
  // Deno resets the TTY when it exits, so look at the modes while still running.
  const stty = await new Deno.Command("stty", { args: ["-a"], stdin: "inherit" }).output();
  note(`stty ${new TextDecoder().decode(stty.stdout).replaceAll("\n", " ")}`);
} else if (mode === "exit") Deno.exit(0);
else if (mode === "throw") {
  setTimeout(() => {
    throw new Error("boom from a timer");
  }, 0);
} else if (mode === "reject") throw new Error("boom from a rejection");
