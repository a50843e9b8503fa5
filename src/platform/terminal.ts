/**
 * The real TTY behind the Terminal port. Whatever ends the program, the terminal is given back
 * as it was: restore() on a normal exit ("unload"), on an uncaught error or rejection (before
 * Deno reports it, so the report lands on the normal screen), and on SIGINT/SIGTERM/SIGHUP when
 * nobody subscribed to them (then the signal is raised again, so the process still dies of it).
 */
import { ForgeError, type Terminal, type TerminalSignal } from "../domain/mod.ts";

/** Alternate screen, hidden cursor, bracketed paste, cleared screen. */
const ENTER = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J";
/** Ends a synchronized frame cut short, resets the style, then undoes ENTER. */
const RESTORE = "\x1b[?2026l\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l";
const SIGNALS: readonly TerminalSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Signals Windows does not have throw there; the terminal then works without them. */
function trySignal(add: boolean, signal: Deno.Signal, handler: () => void): void {
  try {
    if (add) Deno.addSignalListener(signal, handler);
    else Deno.removeSignalListener(signal, handler);
  } catch {
    // not supported on this platform
  }
}

function writeAll(bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = Deno.stdout.writeSync(bytes.subarray(offset));
    if (written <= 0) {
      throw new ForgeError("IO", "Cannot write to the terminal: it accepted no bytes");
    }
    offset += written;
  }
}

/**
 * The terminal on stdin/stdout. Raw mode is set only when stdin is a TTY. Resize and signal
 * listeners are called only between enter() and restore(). Aborting input() cancels the read
 * from stdin (a pending read would otherwise keep the process alive), so stdin cannot be read
 * again afterwards.
 *
 * @returns the terminal
 */
export function createTerminal(): Terminal {
  const encoder = new TextEncoder();
  const resizeListeners = new Set<() => void>();
  const signalListeners = new Set<(signal: TerminalSignal) => void>();
  let entered = false;
  let raw = false;

  const onResize = () => {
    for (const listener of [...resizeListeners]) listener();
  };
  const signalHandlers = new Map(SIGNALS.map((signal) => [signal, () => onSignal(signal)]));
  const onSignal = (signal: TerminalSignal) => {
    if (signalListeners.size > 0) {
      for (const listener of [...signalListeners]) listener(signal);
      return;
    }
    restore();
    Deno.kill(Deno.pid, signal);
  };
  const onUnload = () => restore();
  const onError = (event: Event) => {
    // A handler that prevented the default keeps the program running: leave the screen to it.
    if (!event.defaultPrevented) restore();
  };

  const listen = (add: boolean) => {
    for (const [signal, handler] of signalHandlers) trySignal(add, signal, handler);
    trySignal(add, "SIGWINCH", onResize);
    if (add) {
      globalThis.addEventListener("unload", onUnload);
      globalThis.addEventListener("error", onError);
      globalThis.addEventListener("unhandledrejection", onError);
    } else {
      globalThis.removeEventListener("unload", onUnload);
      globalThis.removeEventListener("error", onError);
      globalThis.removeEventListener("unhandledrejection", onError);
    }
  };

  const write = (text: string) => writeAll(encoder.encode(text));

  function restore(): void {
    if (!entered) return;
    entered = false;
    listen(false);
    try {
      write(RESTORE);
    } catch {
      // stdout is gone: nothing left to restore on it
    }
    try {
      if (raw) Deno.stdin.setRaw(false);
    } catch {
      // stdin is gone
    }
    raw = false;
  }

  return {
    size() {
      try {
        const { columns, rows } = Deno.consoleSize();
        return { width: columns, height: rows };
      } catch {
        return { width: 80, height: 24 };
      }
    },
    enter() {
      if (entered) return;
      if (Deno.stdin.isTerminal()) {
        Deno.stdin.setRaw(true);
        raw = true;
      }
      entered = true;
      listen(true);
      write(ENTER);
    },
    restore,
    write,
    async *input(signal) {
      if (signal.aborted) return;
      const reader = Deno.stdin.readable.getReader();
      const cancel = () => void reader.cancel().catch(() => {});
      signal.addEventListener("abort", cancel, { once: true });
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done || signal.aborted) return;
          yield value;
        }
      } finally {
        signal.removeEventListener("abort", cancel);
        reader.releaseLock();
      }
    },
    onResize(listener) {
      resizeListeners.add(listener);
      return () => void resizeListeners.delete(listener);
    },
    onSignal(listener) {
      signalListeners.add(listener);
      return () => void signalListeners.delete(listener);
    },
  };
}
