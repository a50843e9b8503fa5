/**
 * The task prompt a launcher hands its agent for one bead. Pure text, the same for every agent
 * CLI, so what a worker is told can be read with `forge bead prompt <id>`.
 */
import type { Bead } from "../domain/mod.ts";
import { priorityLabel } from "./priority_label.ts";

/** Where and by whom the bead is worked on. */
export interface TaskPromptOptions {
  /** The workspace directory the agent runs in. */
  readonly workspace: string;
  /** The worker (and bead assignee), when known. */
  readonly workerId?: string | undefined;
}

/**
 * Builds the prompt for one bead.
 *
 * @param bead the bead to work on
 * @param options workspace and worker
 * @returns the prompt, ending with a newline
 * @example
 * ```ts
 * buildTaskPrompt(bead, { workspace: "/src/app", workerId: "sonnet-alpha" }).split("\n")[0];
 * // "Task: app-12: Fix the login form"
 * ```
 */
export function buildTaskPrompt(bead: Bead, options: TaskPromptOptions): string {
  const title = bead.title.trim() === "" ? "(untitled)" : bead.title.trim();
  const parts = [`Task: ${bead.id}: ${title}`];
  const description = bead.description.trim();
  parts.push(
    description === "" ? "(The bead has no description; the title is the task.)" : description,
  );
  if (bead.acceptanceCriteria !== undefined && bead.acceptanceCriteria.trim() !== "") {
    parts.push(`Acceptance criteria:\n${bead.acceptanceCriteria.trim()}`);
  }
  parts.push(contextLines(bead, options).join("\n"));
  parts.push(instructions(bead).join("\n"));
  return `${parts.join("\n\n")}\n`;
}

function contextLines(bead: Bead, options: TaskPromptOptions): string[] {
  const lines = [
    "Context:",
    `- Priority: ${priorityLabel(bead.priority)}`,
    `- Type: ${bead.issueType}`,
    `- Workspace: ${options.workspace}`,
    `- Labels: ${bead.labels.length === 0 ? "none" : bead.labels.join(", ")}`,
  ];
  if (options.workerId !== undefined && options.workerId !== "") {
    lines.push(`- Worker: ${options.workerId}`);
  }
  return lines;
}

function instructions(bead: Bead): string[] {
  return [
    "Instructions:",
    `- Work only on ${bead.id}, inside the workspace above. Keep changes focused on this task.`,
    "- Run the project's tests (and its linters, if it has them) and make them pass.",
    "- Commit your work with a message that names the bead id. Do not leave changes uncommitted.",
    "- When the task is done and committed, exit with status 0; that is how FORGE knows it is done.",
    "- If you cannot finish (missing information, a failing dependency, no access), say plainly " +
    "what blocks you and what is needed, then exit with a non-zero status. Do not close the bead.",
  ];
}
