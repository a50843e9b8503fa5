/**
 * `forge tasks --json --ready` on the real br and bead-rs data kept outside the project
 * (../shared/fixtures/beads), against an independent ready set computed here from the raw files
 * with spec/beads.md §3.2's formula (br's policy: a missing blocker blocks) and design 0007's
 * exclusions (not-work types, bead-rs `manual_blocked`). Skipped when that directory is absent.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { forgeSandbox } from "../helpers/forge_env.ts";

const ROOT = Deno.env.get("FORGE_BEADS_FIXTURES") ??
  new URL("../../../shared/fixtures/beads", import.meta.url).pathname;
const present = await Deno.stat(ROOT).then(() => true, () => false);

const NOT_WORK = ["epic", "gate", "molecule", "message", "merge-request", "agent", "role", "rig"];
const BLOCKING = ["blocks", "conditional-blocks", "waits-for"];

/** One issue as the formula needs it, read without FORGE's reader. */
interface Raw {
  id: string;
  status: string;
  type: string;
  assigned: boolean;
  excluded: boolean;
  deferUntil: number | undefined;
  deps: { target: string; type: string }[];
}

function fromClassic(r: Record<string, unknown>): Raw {
  const deps = (r["dependencies"] as Record<string, string>[] | undefined) ?? [];
  return {
    id: String(r["id"]),
    status: String(r["status"] ?? "open"),
    type: String(r["issue_type"] ?? "task"),
    assigned: typeof r["assignee"] === "string" && r["assignee"].trim() !== "",
    excluded: r["pinned"] === true || r["ephemeral"] === true,
    deferUntil: typeof r["defer_until"] === "string" ? Date.parse(r["defer_until"]) : undefined,
    deps: deps.map((d) => ({
      target: String(d["depends_on_id"]),
      type: String(d["type"] ?? d["dep_type"] ?? "blocks"),
    })),
  };
}

function fromBeadRs(r: Record<string, unknown>): Raw {
  const deps = (r["dependencies"] as Record<string, string>[] | undefined) ?? [];
  return {
    ...fromClassic({ ...r, status: r["base_status"], dependencies: [] }),
    excluded: r["manual_blocked"] === true,
    deps: deps.map((d) => ({ target: String(d["blocker"]), type: String(d["kind"]) })),
  };
}

async function readRaw(dir: string): Promise<Raw[]> {
  const beads = join(dir, ".beads");
  const pointer = join(beads, "checkpoint", "current.json");
  if (await Deno.stat(pointer).then(() => true, () => false)) {
    const { active_root } = JSON.parse(await Deno.readTextFile(pointer));
    const text = await Deno.readTextFile(join(beads, "checkpoint", active_root.path));
    return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l))
      .filter((e) => e.record_type === "issue").map((e) => fromBeadRs(e.issue));
  }
  const text = await Deno.readTextFile(join(beads, "issues.jsonl"));
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => fromClassic(JSON.parse(l)));
}

/** spec/beads.md §3.2: ready(i), with blocked(parent) applied recursively. */
function readySet(issues: Raw[], now: number): string[] {
  const byId = new Map(issues.map((i) => [i.id, i]));
  const closed = (id: string) => ["closed", "tombstone"].includes(byId.get(id)?.status ?? "");
  const blocked = (i: Raw, depth: number): boolean =>
    depth < 50 && i.deps.some((d) =>
      (BLOCKING.includes(d.type) && !closed(d.target)) ||
      (d.type === "parent-child" && byId.has(d.target) && !closed(d.target) &&
        blocked(byId.get(d.target) as Raw, depth + 1))
    );
  return issues.filter((i) =>
    i.status === "open" && !i.assigned && !i.excluded && !NOT_WORK.includes(i.type) &&
    (i.deferUntil === undefined || i.deferUntil <= now) && !blocked(i, 0)
  ).map((i) => i.id).sort();
}

Deno.test({
  name:
    "forge tasks --json --ready gives br's ready set on the real fixtures, with no read problem",
  ignore: !present,
  async fn(t) {
    await using sb = await forgeSandbox("fixtures");
    const counts: Record<string, number> = {};
    for (const name of ["br-active", "br-classic", "bead-rs"]) {
      await t.step(name, async () => {
        const dir = join(ROOT, name);
        const run = await sb.forge(["tasks", "--json", "--ready", "--workspace", dir]);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stderr, "", "no warning: every line parsed");
        const listed = JSON.parse(run.stdout) as { id: string; state: string }[];
        assert.ok(listed.every((q) => q.state === "ready"));
        const ids = listed.map((q) => q.id).sort();
        assert.deepEqual(ids, readySet(await readRaw(dir), Date.now()));
        counts[name] = ids.length;
      });
    }
    // The counts the data gives today (the fixtures are read-only and have no defer_until).
    assert.deepEqual(counts, { "br-active": 43, "br-classic": 0, "bead-rs": 20 });
  },
});
