/**
 * What `forge init` writes: the configuration, a worker config per chosen agent (plus `sim`), and
 * copies of their launchers to customise. Pure: it only computes files and their modes.
 */
import { join } from "node:path";
import type { HomeLayout } from "../../domain/mod.ts";

/** A file to write. */
export interface PlannedFile {
  readonly path: string;
  readonly text: string;
  readonly mode: number;
  readonly what: string;
}

/** The user's answers. */
export interface InitAnswers {
  /** Worker names with the model chosen for each. */
  readonly workers: readonly {
    readonly name: string;
    readonly model: string;
    readonly text: string;
  }[];
  readonly maxWorkers: number;
  readonly workspace: string | undefined;
  /** Launcher files by launcher name: file name → text (the launcher and its library). */
  readonly launchers: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Computes the files `forge init` writes.
 *
 * @param layout the FORGE home
 * @param answers what the user chose
 * @returns files with their modes (config 0600, launchers 0755)
 */
export function planInit(layout: HomeLayout, answers: InitAnswers): PlannedFile[] {
  const files: PlannedFile[] = [{
    path: layout.config,
    text: configText(answers),
    mode: 0o600,
    what: "configuration",
  }];
  for (const w of answers.workers) {
    files.push({
      path: join(layout.workers, `${w.name}.yaml`),
      text: withModel(w.text, w.model),
      mode: 0o644,
      what: `worker config ${w.name}`,
    });
  }
  for (const [name, launcherFiles] of Object.entries(answers.launchers)) {
    for (const [file, text] of Object.entries(launcherFiles)) {
      files.push({
        path: join(layout.launchers, file),
        text,
        mode: 0o755,
        what: file === name ? `launcher ${name}` : "launcher library",
      });
    }
  }
  // The library is shared by every launcher: write it once.
  return files.filter((f, i) => files.findIndex((g) => g.path === f.path) === i);
}

function configText(a: InitAnswers): string {
  const lines = [
    "# FORGE configuration, written by `forge init`.",
    "# Check it with `forge config validate`; every key is described in README.md.",
    "config_version: 1",
    "",
    "# Workers running at once, over all workspaces.",
    `max_workers: ${a.maxWorkers}`,
    "",
    "launcher:",
    "  timeout_seconds: 60",
    "  retries: 2",
  ];
  if (a.workspace !== undefined) {
    lines.push("", "workspaces:", `  - path: ${JSON.stringify(a.workspace)}`);
  }
  return `${lines.join("\n")}\n`;
}

function withModel(text: string, model: string): string {
  return /^model:.*$/m.test(text)
    ? text.replace(/^model:.*$/m, `model: ${JSON.stringify(model)}`)
    : text;
}
