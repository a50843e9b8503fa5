/**
 * Text about the fleet written by others (bead titles, worker fields, alert messages), made safe
 * to show or to hand a model, and workspaces named the ways people name them (a path, a folder
 * name, a configured name). Answers, the backend's context and workspace-scoped actions share
 * these.
 */

/** A configured workspace name, so a query may name a workspace as the configuration does. */
export interface WorkspaceName {
  readonly path: string;
  readonly name: string;
}

// C0, DEL and C1 controls become spaces; format characters (bidi overrides, zero-width) go.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
const FORMAT = /\p{Cf}+/gu;

/**
 * Text written by others, safe to show in one line: control characters become spaces, format
 * characters are dropped, runs of white space shrink to one, and it is cut at `max` characters.
 *
 * @param value the text (anything else is shown as text)
 * @param max most characters kept (an ellipsis marks a cut)
 * @returns the cleaned text
 */
export function clean(value: unknown, max: number): string {
  const text = String(value ?? "").replace(CONTROL, " ").replace(FORMAT, "").replace(/\s+/g, " ")
    .trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/**
 * The folder name of a workspace path.
 *
 * @param path a workspace path
 * @returns its last segment
 */
export function folderOf(path: string | undefined): string {
  if (path === undefined) return "-";
  const parts = path.split("/").filter((p) => p !== "");
  return parts.at(-1) ?? path;
}

/**
 * Which workspaces a query's `workspace` names: the path itself, a path ending in it, a folder
 * name or a configured name (both without regard to case).
 *
 * @param wanted what the query says
 * @param options the workspaces known to the snapshot, and the configured names
 * @returns the matching paths (empty when none match)
 */
export function matchWorkspaces(
  wanted: string,
  options: { readonly known: Iterable<string>; readonly names?: readonly WorkspaceName[] },
): Set<string> {
  const text = wanted.trim().replace(/\/+$/, "");
  const lower = text.toLowerCase();
  const named = new Set(
    (options.names ?? []).filter((n) => n.name.toLowerCase() === lower).map((n) => n.path),
  );
  const out = new Set<string>();
  for (const path of options.known) {
    if (
      path === text || named.has(path) || folderOf(path).toLowerCase() === lower ||
      (text.includes("/") && path.endsWith(`/${text.replace(/^\/+/, "")}`))
    ) out.add(path);
  }
  return out;
}
