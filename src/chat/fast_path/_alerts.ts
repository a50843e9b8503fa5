/**
 * Alerts: "show alerts", "any alerts", "show all alerts", and `ack|acknowledge|dismiss` of one
 * alert id (`3`, `#3`, `alert 3`) or all of them.
 */
import type { Line, Match } from "./_types.ts";
import { afterAny, call, failure, looksNumeric, without } from "./_words.ts";

const SHOW = ["show me", "show", "list", "display", "are there any", "are there", "any"];

const FILLER = ["the", "my", "alert", "alerts", "number", "no", "id"];

/**
 * Reads an alerts line.
 *
 * @param line the normalised line
 * @returns a `show_alerts` or `acknowledge_alerts` call, an error, `unknown`, or undefined when
 * the line is about something else
 */
export function readAlerts(line: Line): Match {
  const ack = afterAny(line, ["ack", "acknowledge", "dismiss"]);
  if (ack !== undefined) return readAck(ack, line.words[0] !== "dismiss");
  const rest = afterAny(line, SHOW) ?? line;
  const words = without(rest, ["the", "my"]).words.join(" ");
  if (words === "alerts" && rest !== line) return call("show_alerts");
  if (["open alerts", "new alerts", "active alerts", "current alerts"].includes(words)) {
    return call("show_alerts");
  }
  if (["all alerts", "recent alerts", "old alerts", "acknowledged alerts"].includes(words)) {
    return call("show_alerts", { all: true });
  }
  return undefined;
}

/** `ack` and what follows it. */
function readAck(rest: Line, explicit: boolean): Match {
  const args = without(rest, FILLER);
  const [word] = args.words;
  if (word !== undefined && args.words.length === 1) {
    if (word === "all" || word === "everything") {
      return call("acknowledge_alerts", { alert: "all" });
    }
    const id = Number(word.replace(/^#/, ""));
    if (/^#?\d{1,9}$/.test(word) && id >= 1) return call("acknowledge_alerts", { alert: id });
  }
  const numeric = args.words.every((w) => looksNumeric(w.replace(/^#/, "")));
  if (args.words.length > 1 && !numeric) return { kind: "unknown" };
  if (!explicit && !numeric) return { kind: "unknown" };
  return failure(
    `Cannot acknowledge${rest.raw.length > 0 ? ` "${rest.raw.join(" ")}"` : ""}: ` +
      `name one alert id (the alerts view shows them) or "all"`,
    ["ack all"],
  );
}
