/**
 * The one keymap: every key the dashboard knows, what it does and where. No key means two
 * things: a key bound in one view is not bound differently in another. The footer and the `?`
 * overlay are drawn from this table, so they cannot drift from what the keys do.
 */
import type { Key, ViewName } from "./model.ts";

/** What a key does. */
export type Command =
  | "help"
  | "quit"
  | "next-view"
  | "prev-view"
  | `view:${ViewName}`
  | "spawn"
  | "kill"
  | "pause-toggle"
  | "pause-all"
  | "resume-all"
  | "ack"
  | "open"
  | "back"
  | "search"
  | "priority-filter"
  | "workspace-filter"
  | "follow"
  | "level-filter"
  | "source-filter"
  | "up"
  | "down"
  | "page-up"
  | "page-down"
  | "top"
  | "bottom"
  | "repaint";

/** One binding. */
export interface Binding {
  /** Canonical key names (see keyName()). */
  readonly keys: readonly string[];
  /** How the footer and help show the keys. */
  readonly display: string;
  readonly command: Command;
  readonly label: string;
  /** Views where it applies; `global` everywhere (overlays and the command line come first). */
  readonly scope: "global" | readonly ViewName[];
  /** Shown in the footer (else only in help). */
  readonly footer: boolean;
}

const WORKER_VIEWS: readonly ViewName[] = ["overview", "workers"];

/** Every binding, in the order help lists them. */
export const KEYMAP: readonly Binding[] = [
  {
    keys: ["o"],
    display: "o",
    command: "view:overview",
    label: "overview",
    scope: "global",
    footer: true,
  },
  {
    keys: ["w"],
    display: "w",
    command: "view:workers",
    label: "workers",
    scope: "global",
    footer: true,
  },
  {
    keys: ["t"],
    display: "t",
    command: "view:tasks",
    label: "tasks",
    scope: "global",
    footer: true,
  },
  {
    keys: ["c"],
    display: "c",
    command: "view:costs",
    label: "costs",
    scope: "global",
    footer: true,
  },
  {
    keys: ["u"],
    display: "u",
    command: "view:subscriptions",
    label: "subscriptions",
    scope: "global",
    footer: true,
  },
  {
    keys: ["m"],
    display: "m",
    command: "view:metrics",
    label: "metrics",
    scope: "global",
    footer: true,
  },
  {
    keys: ["a"],
    display: "a",
    command: "view:alerts",
    label: "alerts",
    scope: "global",
    footer: true,
  },
  { keys: ["l"], display: "l", command: "view:logs", label: "logs", scope: "global", footer: true },
  {
    keys: ["r"],
    display: "r",
    command: "view:routing",
    label: "routing",
    scope: "global",
    footer: true,
  },
  {
    keys: [":"],
    display: ":",
    command: "view:chat",
    label: "command",
    scope: "global",
    footer: true,
  },
  {
    keys: ["tab"],
    display: "Tab",
    command: "next-view",
    label: "next view",
    scope: "global",
    footer: false,
  },
  {
    keys: ["backtab"],
    display: "S-Tab",
    command: "prev-view",
    label: "previous view",
    scope: "global",
    footer: false,
  },
  {
    keys: ["n"],
    display: "n",
    command: "spawn",
    label: "spawn a worker",
    scope: WORKER_VIEWS,
    footer: true,
  },
  {
    keys: ["x"],
    display: "x",
    command: "kill",
    label: "kill selected",
    scope: WORKER_VIEWS,
    footer: true,
  },
  {
    keys: ["p"],
    display: "p",
    command: "pause-toggle",
    label: "pause/resume selected",
    scope: WORKER_VIEWS,
    footer: true,
  },
  {
    keys: ["P"],
    display: "P",
    command: "pause-all",
    label: "pause all",
    scope: WORKER_VIEWS,
    footer: true,
  },
  {
    keys: ["R"],
    display: "R",
    command: "resume-all",
    label: "resume all",
    scope: WORKER_VIEWS,
    footer: true,
  },
  {
    keys: ["enter"],
    display: "Enter",
    command: "open",
    label: "details / worker's log",
    scope: ["workers", "tasks", "alerts"],
    footer: true,
  },
  {
    keys: ["A"],
    display: "A",
    command: "ack",
    label: "acknowledge alert",
    scope: ["alerts"],
    footer: true,
  },
  { keys: ["/"], display: "/", command: "search", label: "search", scope: ["tasks"], footer: true },
  {
    keys: ["0", "1", "2", "3", "4"],
    display: "0-4",
    command: "priority-filter",
    label: "only P0-P4 (again: all)",
    scope: ["tasks"],
    footer: true,
  },
  {
    keys: ["f"],
    display: "f",
    command: "workspace-filter",
    label: "next workspace filter",
    scope: ["tasks"],
    footer: true,
  },
  {
    keys: ["space"],
    display: "Space",
    command: "follow",
    label: "follow / pause",
    scope: ["logs"],
    footer: true,
  },
  {
    keys: ["v"],
    display: "v",
    command: "level-filter",
    label: "level filter",
    scope: ["logs"],
    footer: true,
  },
  {
    keys: ["s"],
    display: "s",
    command: "source-filter",
    label: "next source",
    scope: ["logs"],
    footer: true,
  },
  { keys: ["up", "k"], display: "↑/k", command: "up", label: "up", scope: "global", footer: false },
  {
    keys: ["down", "j"],
    display: "↓/j",
    command: "down",
    label: "down",
    scope: "global",
    footer: false,
  },
  {
    keys: ["pageup"],
    display: "PgUp",
    command: "page-up",
    label: "page up",
    scope: "global",
    footer: false,
  },
  {
    keys: ["pagedown"],
    display: "PgDn",
    command: "page-down",
    label: "page down",
    scope: "global",
    footer: false,
  },
  { keys: ["home"], display: "Home", command: "top", label: "top", scope: "global", footer: false },
  {
    keys: ["end"],
    display: "End",
    command: "bottom",
    label: "bottom (logs: follow)",
    scope: "global",
    footer: false,
  },
  {
    keys: ["escape"],
    display: "Esc",
    command: "back",
    label: "close / clear / back",
    scope: "global",
    footer: false,
  },
  {
    keys: ["ctrl+l"],
    display: "C-l",
    command: "repaint",
    label: "repaint the screen",
    scope: "global",
    footer: false,
  },
  { keys: ["?"], display: "?", command: "help", label: "help", scope: "global", footer: true },
  {
    keys: ["q", "ctrl+c"],
    display: "q",
    command: "quit",
    label: "quit",
    scope: "global",
    footer: true,
  },
];

/**
 * The canonical name of a key: a character as itself (`q`, `Q`, `?`), `space`, `ctrl+x`,
 * `alt+x`, or the key kind (`enter`, `up`, `backtab`, `f5`…).
 *
 * @param key a decoded key
 * @returns its name
 */
export function keyName(key: Key): string {
  switch (key.kind) {
    case "char": {
      const base = key.char === " " ? "space" : key.char;
      if (key.ctrl === true) return `ctrl+${base.toLowerCase()}`;
      if (key.alt === true) return `alt+${base}`;
      return base;
    }
    case "function":
      return `f${key.n}`;
    case "paste":
      return "paste";
    case "unknown":
      return "unknown";
    default: {
      const mods = `${key.ctrl === true ? "ctrl+" : ""}${key.alt === true ? "alt+" : ""}`;
      return `${mods}${key.kind}`;
    }
  }
}

/**
 * What a key does in a view (overlays and the command line are handled before this).
 *
 * @param key a decoded key
 * @param view the current view
 * @returns the command, or undefined when the key is not bound there
 */
export function commandFor(key: Key, view: ViewName): Command | undefined {
  const name = keyName(key);
  for (const b of KEYMAP) {
    if (!b.keys.includes(name)) continue;
    if (b.scope === "global" || b.scope.includes(view)) return b.command;
  }
  return undefined;
}

/**
 * The bindings that apply in a view, in keymap order.
 *
 * @param view a view
 * @returns its bindings (global ones included)
 */
export function bindingsFor(view: ViewName): Binding[] {
  return KEYMAP.filter((b) => b.scope === "global" || b.scope.includes(view));
}
