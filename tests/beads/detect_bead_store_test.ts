import assert from "node:assert/strict";
import { join } from "node:path";
import { createBeadStore, detectBeadStore } from "../../src/beads/mod.ts";
import { BeadStoreError, toBeadId, UsageError } from "../../src/domain/mod.ts";
import { denoFs, denoProcesses, envFrom, systemClock } from "../../src/platform/mod.ts";
import { tempDir } from "../helpers/temp.ts";
import { fakeCli } from "./_fake_cli.ts";
import { writeBeadsFile } from "./_beads_fixtures.ts";

interface Case {
  readonly name: string;
  readonly files: readonly string[];
  readonly tools: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly expected: string;
  readonly found: boolean;
}

const CASES: readonly Case[] = [
  {
    name: "issues.jsonl only",
    files: ["issues.jsonl"],
    tools: ["br", "bd"],
    expected: "jsonl",
    found: false,
  },
  {
    name: "bead-rs checkpoint",
    files: ["checkpoint/current.json", "issues.jsonl"],
    tools: ["bead", "br"],
    expected: "bead",
    found: true,
  },
  {
    name: "bead-rs checkpoint, bead missing",
    files: ["checkpoint/current.json"],
    tools: [],
    expected: "bead",
    found: false,
  },
  {
    name: "bd Dolt (metadata backend)",
    files: ["metadata.json:dolt", "issues.jsonl"],
    tools: ["bd", "br"],
    expected: "bd",
    found: true,
  },
  {
    name: "bd Dolt (directory)",
    files: ["dolt/config.json"],
    tools: ["br"],
    expected: "bd",
    found: false,
  },
  {
    name: "SQLite with br",
    files: ["beads.db", "issues.jsonl"],
    tools: ["br", "bd"],
    expected: "br",
    found: true,
  },
  {
    name: "SQLite with bd's runtime files",
    files: ["beads.db", "last-touched"],
    tools: ["br", "bd"],
    expected: "bd",
    found: true,
  },
  { name: "SQLite with only bd", files: ["beads.db"], tools: ["bd"], expected: "bd", found: true },
  {
    name: "SQLite without a CLI",
    files: ["beads.db", "issues.jsonl"],
    tools: [],
    expected: "jsonl",
    found: false,
  },
  {
    name: "FORGE_BEAD_STORE wins",
    files: ["beads.db"],
    tools: ["br"],
    env: { FORGE_BEAD_STORE: "jsonl" },
    expected: "jsonl",
    found: false,
  },
];

Deno.test("detectBeadStore() picks the tool that owns the workspace", async (t) => {
  for (const c of CASES) {
    await t.step(c.name, async () => {
      await using dir = await tempDir();
      const cli = await fakeCli(dir.path, c.tools);
      const ws = join(dir.path, "ws");
      for (const spec of c.files) {
        const [name, backend] = spec.split(":");
        await writeBeadsFile(
          ws,
          name as string,
          backend === undefined ? "" : JSON.stringify({ backend }),
        );
      }
      const env = envFrom({ PATH: `${cli.bin}:/usr/bin:/bin`, ...c.env });
      const choice = await detectBeadStore(ws, { fs: denoFs, env });
      assert.equal(choice.kind, c.expected);
      assert.equal(choice.command, c.found ? join(cli.bin, c.expected) : undefined);
      assert.equal(choice.beadsDir, join(ws, ".beads"));
      assert.notEqual(choice.reason, "");
    });
  }
});

Deno.test("detectBeadStore() refuses an unknown FORGE_BEAD_STORE", async () => {
  await using dir = await tempDir();
  await assert.rejects(
    () => detectBeadStore(dir.path, { fs: denoFs, env: envFrom({ FORGE_BEAD_STORE: "sqlite" }) }),
    (e) => e instanceof UsageError && /^Cannot use bead store "sqlite"/.test(e.message),
  );
});

Deno.test("createBeadStore() builds the detected adapter", async () => {
  await using dir = await tempDir();
  const cli = await fakeCli(dir.path, ["br"]);
  const ws = join(dir.path, "ws");
  await writeBeadsFile(ws, "beads.db", "");
  await writeBeadsFile(ws, "issues.jsonl", "");
  await cli.setBead("x-1", "open");
  const deps = { fs: denoFs, processes: denoProcesses, clock: systemClock };
  const br = await createBeadStore(ws, { ...deps, env: cli.env() });
  assert.equal(br.kind, "br");
  assert.equal(br.workspace, ws);
  assert.equal((await br.show(toBeadId("x-1")))?.title, "Fake x-1");
  const env = envFrom({ PATH: `${cli.bin}:/usr/bin:/bin`, FORGE_BEAD_STORE: "bd" });
  const bd = await createBeadStore(ws, { ...deps, env });
  assert.equal(bd.kind, "bd");
  await assert.rejects(
    () => bd.show(toBeadId("x-1")),
    (e) => e instanceof BeadStoreError && e.exitCode === 127,
  );
});
