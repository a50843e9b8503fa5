/**
 * Enforces FORGE's dependency rules (adr/0005 and style.md) on every TypeScript file:
 * - each unit imports only the units it is allowed to (the table below);
 * - another unit is imported through its `mod.ts`; `_private.ts` files stay in their folder;
 * - only `platform/` and `cli/` call `Deno.*`; no `jsr:` or URL imports anywhere.
 * Run by `deno task check:imports` inside `deno task ok`.
 */
// deno-lint-ignore-file no-console
import { dirname, join, relative, resolve } from "node:path";

/** Which units each unit may import (besides itself). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  domain: [],
  platform: ["domain"],
  config: ["domain", "platform"],
  beads: ["domain", "platform"],
  workers: ["domain", "platform"],
  store: ["domain", "platform"],
  update: ["domain", "platform"],
  orchestrator: ["domain"],
  actions: ["domain", "platform", "config", "beads", "workers", "store", "orchestrator"],
  chat: ["domain", "actions"],
  dashboard: ["domain", "actions", "chat"],
  server: ["domain", "actions"],
  cli: ["*"],
};

/** Units allowed to touch Deno APIs directly. */
const DENO_UNITS = new Set(["platform", "cli"]);

const IMPORT_PATTERN =
  /(?:^|\n)\s*(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const problems: string[] = [];

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

function unitOf(path: string): string | undefined {
  const rel = relative(join(root, "src"), path);
  if (rel.startsWith("..")) return undefined;
  return rel.split("/")[0];
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function checkSpecifier(file: string, spec: string): void {
  const rel = relative(root, file);
  if (/^(jsr:|https?:)/.test(spec)) {
    problems.push(`${rel}: imports "${spec}" (only npm: packages through the import map)`);
  }
  if (!spec.startsWith(".")) return;
  const target = resolve(dirname(file), spec);
  if (rel === "main.ts") {
    if (relative(root, target) !== "src/cli/mod.ts") {
      problems.push(`main.ts: may import only src/cli/mod.ts, not "${spec}"`);
    }
    return;
  }
  const from = unitOf(file);
  const to = unitOf(target);
  if (from === undefined) return; // tests and scripts may import anything
  if (to === undefined) {
    problems.push(`${rel}: imports "${spec}" outside src/`);
    return;
  }
  const base = target.split("/").pop() ?? "";
  if (base.startsWith("_") && dirname(target) !== dirname(file)) {
    problems.push(`${rel}: imports private file "${spec}" from another folder`);
  }
  if (from === to) return;
  const allowed = ALLOWED[from] ?? [];
  if (!allowed.includes("*") && !allowed.includes(to)) {
    problems.push(
      `${rel}: unit "${from}" may not import unit "${to}" (allowed: ${
        allowed.join(", ") || "none"
      })`,
    );
  }
  if (relative(join(root, "src", to), target) !== "mod.ts") {
    problems.push(`${rel}: imports "${spec}"; import unit "${to}" through src/${to}/mod.ts`);
  }
}

for (const start of ["src", "main.ts"]) {
  const path = join(root, start);
  const files = start.endsWith(".ts") ? [path] : await Array.fromAsync(walk(path));
  for (const file of files) {
    const text = await Deno.readTextFile(file);
    for (const m of text.matchAll(IMPORT_PATTERN)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec !== undefined) checkSpecifier(file, spec);
    }
    const unit = unitOf(file);
    if (
      unit !== undefined && !DENO_UNITS.has(unit) && /\bDeno\.[a-zA-Z]/.test(stripComments(text))
    ) {
      problems.push(
        `${relative(root, file)}: calls Deno APIs; only src/platform and src/cli may (use a port)`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`Import rules broken (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  Deno.exit(1);
}
console.log("Import rules hold.");
