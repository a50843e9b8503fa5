/**
 * Views, help and quit: a bare view name or alias (`tasks`, `subs`, `dashboard`), "go to X",
 * "open X", "X view"; "help [topic]", "what can you do"; "quit", "exit".
 */
import type { Line, Match } from "./_types.ts";
import { afterAny, beforeAny, call, lookup, without } from "./_words.ts";
import { CHAT_VIEWS, type ChatView } from "../tool_catalog.ts";

const ALIASES: Readonly<Record<string, ChatView>> = {
  dashboard: "overview",
  home: "overview",
  main: "overview",
  worker: "workers",
  task: "tasks",
  queue: "tasks",
  cost: "costs",
  subs: "subscriptions",
  subscription: "subscriptions",
  plans: "subscriptions",
  metric: "metrics",
  alert: "alerts",
  log: "logs",
  activity: "logs",
  "activity log": "logs",
  route: "routing",
  routes: "routing",
};

/** Views whose "show X" is a view, not a question answered in words. */
const SHOWN_AS_VIEW: readonly ChatView[] = ["overview", "logs", "routing"];

const GO = ["go to", "goto", "go back to", "switch to", "take me to", "jump to", "open", "view"];

const QUIT = ["quit", "exit", "q", "bye", "goodbye"];

const CAPABILITIES = [
  "what can you do",
  "what can i do",
  "what can i say",
  "what can i ask",
  "what can i type",
  "what do you do",
  "what are the commands",
  "what commands are there",
  "commands",
  "show commands",
  "show help",
  "list commands",
  "how does this work",
];

/**
 * Reads a view name or phrase.
 *
 * @param line the normalised line
 * @returns a `switch_view` call, or undefined when the line names no view
 */
export function readView(line: Line): Match {
  const gone = afterAny(line, GO);
  const shown = gone === undefined ? afterAny(line, ["show me", "show"]) : undefined;
  const body = gone ?? shown ?? line;
  const named = beforeAny(body, ["view", "tab", "page", "screen", "panel"]);
  const bare = gone === undefined && shown === undefined && named === undefined;
  const words = (bare ? line : without(named ?? body, ["the"])).words.join(" ");
  const view = (CHAT_VIEWS as readonly string[]).includes(words)
    ? words as ChatView
    : lookup(ALIASES, words);
  if (view === undefined) return undefined;
  if (shown !== undefined && named === undefined && !SHOWN_AS_VIEW.includes(view)) return undefined;
  return call("switch_view", { view });
}

/**
 * Reads help and quit.
 *
 * @param line the normalised line
 * @returns a `help` call, quit, `unknown` for help with a whole sentence, or undefined
 */
export function readHelpOrQuit(line: Line): Match {
  const text = line.words.join(" ");
  if (QUIT.includes(text)) return { kind: "quit" };
  if (text === "?" || text === "help" || CAPABILITIES.includes(text)) return call("help");
  const rest = afterAny(line, ["help"]);
  if (rest === undefined) return undefined;
  const topic = afterAny(rest, ["me with", "me on", "with", "on", "about", "for"]) ?? rest;
  if (topic.words.length === 0 || topic.words.join(" ") === "me") return call("help");
  if (topic.words.length > 3 || topic.words[0] === "me") return { kind: "unknown" };
  return call("help", { topic: topic.words.join(" ") });
}
