/**
 * Test data for the beads tests, generated here (never copied from real workspaces): issue lines
 * in both grammars, `.beads/` layouts and bead-rs checkpoints with real SHA-256 pointers.
 */
import { join } from "node:path";

/** A classic issue line with sensible defaults; `undefined` fields are left out. */
export function classicLine(fields: Record<string, unknown>): string {
  return JSON.stringify({
    title: `Title of ${String(fields["id"])}`,
    status: "open",
    priority: 2,
    issue_type: "task",
    created_at: "2026-02-01T10:00:00Z",
    updated_at: "2026-02-01T10:00:00Z",
    ...fields,
  });
}

/** A bead-rs `issue` envelope line (payload key first, as bead-rs writes it). */
export function nativeLine(fields: Record<string, unknown>): string {
  const issue = {
    base_status: "open",
    created_at: "2026-08-14T16:16:57.527115954Z",
    issue_type: "task",
    manual_blocked: false,
    priority: 2,
    revision: 1,
    title: `Title of ${String(fields["id"])}`,
    updated_at: "2026-08-14T16:16:57.527115954Z",
    ...fields,
  };
  return JSON.stringify({ issue, record_type: "issue" });
}

/** A bead-rs `event` envelope line. */
export function eventLine(issueId: string, sequence: number): string {
  return JSON.stringify({
    event: { issue_id: issueId, kind: "updated", origin_event_sequence: sequence, detail: {} },
    record_type: "event",
  });
}

/** SHA-256 hex of text or bytes, computed independently of the code under test. */
export async function sha256(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Writes `.beads/<name>` under `workspace` and returns its path. */
export async function writeBeadsFile(
  workspace: string,
  name: string,
  content: string | Uint8Array,
): Promise<string> {
  const path = join(workspace, ".beads", name);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  if (typeof content === "string") await Deno.writeTextFile(path, content);
  else await Deno.writeFile(path, content);
  return path;
}

/** Writes a monolithic bead-rs checkpoint object and the pointer naming it. */
export async function writeCheckpoint(
  workspace: string,
  content: string,
  options: { readonly generation?: string; readonly sha?: string } = {},
): Promise<{ readonly object: string; readonly pointer: string }> {
  const generation = options.generation ?? "gen-0001";
  const object = await writeBeadsFile(workspace, `checkpoint/objects/${generation}.jsonl`, content);
  const pointer = await writeBeadsFile(
    workspace,
    "checkpoint/current.json",
    JSON.stringify({
      active_root: {
        path: `objects/${generation}.jsonl`,
        sha256: options.sha ?? (await sha256(content)),
      },
      generation_id: generation,
      mode: "monolithic",
      schema_version: 1,
    }),
  );
  return { object, pointer };
}
