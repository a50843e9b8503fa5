/**
 * Checks on the secrets a configuration file points at: references to unset variables, and
 * files that name secrets but can be read by other users (design 0010).
 */
import type { Env, FileSystem, SourceIssue } from "../domain/mod.ts";
import { describeSecretRef, findSecretRefs } from "../domain/mod.ts";
import { forEachString, isMapping, issueAt, type Layer } from "./_layer.ts";

/** Keys whose values are secrets by their name. */
const SECRET_KEY = /api_?key|token|secret|passw(or)?d|credential/i;

/**
 * Finds `${env:NAME}` and `${NAME}` references to variables that are not set. Keychain entries
 * are looked up only when a worker starts.
 *
 * @param layer a configuration file
 * @param env the environment references resolve against
 * @returns one warning per missing reference
 */
export function secretRefIssues(layer: Layer, env: Env): SourceIssue[] {
  const issues: SourceIssue[] = [];
  forEachString(layer.value, (path, text) => {
    for (const ref of findSecretRefs(text)) {
      if (ref.kind !== "env" || env.get(ref.name) !== undefined) continue;
      issues.push(issueAt(layer, path, {
        message: `refers to ${describeSecretRef(ref)}, which is not set`,
        severity: "warning",
      }));
    }
  });
  return issues;
}

/**
 * Warns when a file that holds secret references, or keys named like secrets, is readable by
 * group or others.
 *
 * @param fs file access (for the mode)
 * @param layer the file
 * @returns a warning, or undefined when the file is private or names no secret
 */
export async function permissionIssue(
  fs: FileSystem,
  layer: Layer,
): Promise<SourceIssue | undefined> {
  if (!holdsSecrets(layer.value)) return undefined;
  const mode = (await fs.stat(layer.file))?.mode;
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(3, "0");
  return {
    file: layer.file,
    key: "",
    message: `file is readable by other users (mode ${octal}) and names secrets; ` +
      `run chmod 600 "${layer.file}"`,
    severity: "warning",
  };
}

function holdsSecrets(value: unknown): boolean {
  let found = false;
  forEachString(value, (_path, text) => {
    found ||= findSecretRefs(text).length > 0;
  });
  return found || hasSecretKey(value);
}

function hasSecretKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasSecretKey);
  if (!isMapping(value)) return false;
  return Object.entries(value).some(([key, item]) => SECRET_KEY.test(key) || hasSecretKey(item));
}
