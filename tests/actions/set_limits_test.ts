/**
 * setLimits() against a real FORGE home: the configuration file keeps its comments and layout,
 * a workspace is found by name, path or folder name, an unknown one is named with the listed
 * ones, an invalid value or file is refused with nothing written, and every change is audited.
 * Then the same through performAction(), with the CLI's own audit sink into the store.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { performAction, setLimits } from "../../src/actions/mod.ts";
import { setYamlNumbers } from "../../src/actions/_limits_yaml.ts";
import type { ActionRequest, AuditEntry } from "../../src/domain/mod.ts";
import { ConfigError, homeLayout, NotFoundError } from "../../src/domain/mod.ts";
import { denoFs, envFrom } from "../../src/platform/mod.ts";
import { forgeSandbox } from "../helpers/forge_env.ts";
import { auditOf, sandboxActions } from "../helpers/sandbox_actions.ts";
import { tempDir } from "../helpers/temp.ts";

const COMMENTED = [
  "# my FORGE settings",
  "max_workers: 10   # ten at most",
  "",
  "workspaces:",
  "  # the API",
  '  - path: "/src/api"   # main one',
  "    name: api",
  "  -   path: /src/web-console",
  "      priority: 3",
  "budget:",
  "  alert_percents: [80, 100] # ask early",
  "# routing below",
  "routing: {workers: [sim]}",
  "",
].join("\n");

/** A FORGE home with a config file, and the audit entries an edit records. */
async function home(text: string | undefined) {
  const dir = await tempDir("forge_limits_");
  const layout = homeLayout(join(dir.path, "home"));
  await Deno.mkdir(layout.home, { recursive: true });
  if (text !== undefined) await Deno.writeTextFile(layout.config, text);
  const audited: AuditEntry[] = [];
  const ctx = {
    fs: denoFs,
    env: envFrom({}),
    cwd: dir.path,
    layout,
    actor: { who: "tester@host", via: "cli" as const },
    audit: (entry: AuditEntry) => {
      audited.push(entry);
      return Promise.resolve();
    },
  };
  return { dir, layout, ctx, audited, read: () => Deno.readTextFile(layout.config) };
}

Deno.test("setLimits() sets max_workers and the budget, keeping every comment", async () => {
  const h = await home(COMMENTED);
  await using _ = h.dir;
  const outcome = await setLimits(h.ctx, { maxWorkers: 5, monthlyBudgetUsd: 250.5 });
  assert.equal(
    await h.read(),
    COMMENTED.replace("max_workers: 10   #", "max_workers: 5   #").replace(
      "  alert_percents: [80, 100] # ask early\n",
      "  alert_percents: [80, 100] # ask early\n  monthly_usd: 250.5\n",
    ),
  );
  assert.deepEqual(outcome, {
    file: h.layout.config,
    created: false,
    changes: [
      { key: "max_workers", workspace: undefined, from: 10, to: 5 },
      { key: "budget.monthly_usd", workspace: undefined, from: undefined, to: 250.5 },
    ],
  });
  assert.deepEqual(h.audited.map((e) => [e.action, e.target, e.outcome, e.details]), [
    ["limits", "config", "ok", { file: h.layout.config, key: "max_workers", from: 10, to: 5 }],
    [
      "limits",
      "config",
      "ok",
      { file: h.layout.config, key: "budget.monthly_usd", from: null, to: 250.5 },
    ],
  ]);
});

Deno.test("setLimits() finds a workspace by name, path or folder name", async (t) => {
  const cases: [string, string, string, string][] = [
    ["by name", "api", "/src/api", "    name: api\n    max_workers: 4\n"],
    [
      "by path",
      "/src/web-console/",
      "/src/web-console",
      "      priority: 3\n      max_workers: 4\n",
    ],
    [
      "by folder name",
      "Web-Console",
      "/src/web-console",
      "      priority: 3\n      max_workers: 4\n",
    ],
  ];
  for (const [name, selector, path, written] of cases) {
    await t.step(name, async () => {
      const h = await home(COMMENTED);
      await using _ = h.dir;
      const outcome = await setLimits(h.ctx, { maxWorkers: 4, workspace: selector });
      assert.deepEqual(outcome.changes, [
        { key: "max_workers", workspace: path, from: undefined, to: 4 },
      ]);
      assert.ok((await h.read()).includes(written), await h.read());
      assert.match(await h.read(), /^max_workers: 10 {3}# ten at most$/m, "global unchanged");
      assert.deepEqual(h.audited.map((e) => e.target), [path]);
    });
  }
});

Deno.test("setLimits() refuses an unknown workspace, naming the listed ones", async () => {
  const h = await home(COMMENTED);
  await using _ = h.dir;
  await assert.rejects(
    () => setLimits(h.ctx, { maxWorkers: 4, workspace: "infra" }),
    (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(
        error.message,
        'Cannot set max_workers of workspace "infra": no workspace entry has this name or path',
      );
      assert.equal(error.hint, "listed: api (/src/api), /src/web-console");
      return true;
    },
  );
  assert.equal(await h.read(), COMMENTED, "nothing written");
  assert.deepEqual(h.audited, []);
});

Deno.test("setLimits() refuses a value the schema rejects and writes nothing", async (t) => {
  const cases: [string, { maxWorkers?: number; monthlyBudgetUsd?: number }, RegExp][] = [
    ["max_workers 0", { maxWorkers: 0 }, /max_workers: /],
    ["max_workers 5000", { maxWorkers: 5000 }, /max_workers: /],
    ["a negative budget", { monthlyBudgetUsd: -5 }, /budget\.monthly_usd: /],
  ];
  for (const [name, request, key] of cases) {
    await t.step(name, async () => {
      const h = await home(COMMENTED);
      await using _ = h.dir;
      await assert.rejects(() => setLimits(h.ctx, request), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^Cannot change limits in ".*": the file would be invalid \(/);
        assert.match(error.message, key);
        assert.equal(error.hint, "nothing was written");
        return true;
      });
      assert.equal(await h.read(), COMMENTED);
      assert.deepEqual(h.audited, []);
    });
  }
});

Deno.test("setLimits() refuses a file that is invalid already", async () => {
  const broken = "max_workers: many\n";
  const h = await home(broken);
  await using _ = h.dir;
  await assert.rejects(
    () => setLimits(h.ctx, { monthlyBudgetUsd: 10 }),
    /^ConfigError: Cannot edit configuration file ".*": it is invalid \(max_workers: /,
  );
  assert.equal(await h.read(), broken);
  assert.deepEqual(h.audited, []);
});

Deno.test("setLimits() creates a missing file, readable by its owner only", async () => {
  const h = await home(undefined);
  await using _ = h.dir;
  const outcome = await setLimits(h.ctx, { maxWorkers: 2 });
  assert.equal(outcome.created, true);
  assert.deepEqual(outcome.changes[0]?.from, 10, "the default was in effect");
  assert.equal(
    await h.read(),
    "# FORGE configuration. Check it with `forge config validate`.\nmax_workers: 2\n",
  );
  assert.equal((await Deno.stat(h.layout.config)).mode! & 0o777, 0o600);
});

Deno.test("setYamlNumbers() splices into block layouts and re-renders flow ones", async (t) => {
  const cases: [string, string, Parameters<typeof setYamlNumbers>[1], string][] = [
    [
      "an empty file",
      "",
      [{ path: ["budget", "monthly_usd"], value: 9 }],
      "budget:\n  monthly_usd: 9\n",
    ],
    [
      "a file without a final newline",
      "max_workers: 3",
      [{ path: ["budget", "monthly_usd"], value: 9 }],
      "max_workers: 3\nbudget:\n  monthly_usd: 9\n",
    ],
    [
      "a value replaced in a flow mapping",
      "budget: {monthly_usd: 10} # cap\n",
      [{ path: ["budget", "monthly_usd"], value: 20 }],
      "budget: {monthly_usd: 20} # cap\n",
    ],
    [
      "a key added to a flow mapping (re-rendered)",
      "workspaces: [{path: /a}]\n",
      [{ path: ["workspaces", 0, "max_workers"], value: 4 }],
      "workspaces: [ { path: /a, max_workers: 4 } ]\n",
    ],
  ];
  for (const [name, text, edits, expected] of cases) {
    await t.step(name, async () => assert.equal(await setYamlNumbers(text, edits), expected));
  }
});

Deno.test("performAction() sets limits, answers in one sentence and audits as tui", async (t) => {
  await using sb = await forgeSandbox("limits");
  const ctx = await sandboxActions(sb);
  const file = join(sb.home, "config.yaml");
  await Deno.writeTextFile(file, COMMENTED);
  const TUI = { interface: "tui" } as const;

  await t.step("malformed requests are refused before anything runs", async () => {
    const cases: [unknown, string][] = [
      [{ kind: "limits" }, "Cannot change limits: give max_workers and/or a monthly budget"],
      [
        { kind: "limits", maxWorkers: 0 },
        "Cannot change limits: max_workers must be a whole number from 1 to 1000",
      ],
      [
        { kind: "limits", maxWorkers: 1001 },
        "Cannot change limits: max_workers must be a whole number from 1 to 1000",
      ],
      [
        { kind: "limits", maxWorkers: 2.5 },
        "Cannot change limits: max_workers must be a whole number from 1 to 1000",
      ],
      [
        { kind: "limits", monthlyBudgetUsd: 0 },
        "Cannot change limits: the monthly budget must be more than $0 and at most $1,000,000",
      ],
      [
        { kind: "limits", monthlyBudgetUsd: 2_000_000 },
        "Cannot change limits: the monthly budget must be more than $0 and at most $1,000,000",
      ],
      [
        { kind: "limits", workspace: "api", monthlyBudgetUsd: 5 },
        "Cannot change limits: a workspace only applies to max_workers",
      ],
      [{ kind: "limits", maxWorkers: 2, force: true }, "Cannot change limits: unknown field force"],
    ];
    for (const [request, message] of cases) {
      assert.deepEqual(await performAction(ctx, request as ActionRequest, TUI), {
        ok: false,
        message,
      });
    }
    assert.equal(await Deno.readTextFile(file), COMMENTED);
  });

  await t.step("an unknown workspace is named, with the listed ones", async () => {
    const r = await performAction(ctx, { kind: "limits", maxWorkers: 2, workspace: "infra" }, TUI);
    assert.deepEqual(r, {
      ok: false,
      message: 'Cannot set max_workers of workspace "infra": no workspace entry has this name ' +
        "or path (listed: api (/src/api), /src/web-console)",
    });
  });

  await t.step("max_workers and the budget", async () => {
    const r = await performAction(ctx, {
      kind: "limits",
      maxWorkers: 5,
      monthlyBudgetUsd: 300,
    }, TUI);
    assert.deepEqual(r, {
      ok: true,
      message: "Set max_workers to 5 (was 10) and budget.monthly_usd to $300.00 (was unset); " +
        "a running orchestrator uses them after a restart.",
    });
    const text = await Deno.readTextFile(file);
    assert.match(text, /^max_workers: 5 {3}# ten at most$/m);
    assert.match(text, /^ {2}monthly_usd: 300$/m);
  });

  await t.step("one workspace's max_workers", async () => {
    const r = await performAction(ctx, { kind: "limits", maxWorkers: 2, workspace: "api" }, TUI);
    assert.deepEqual(r, {
      ok: true,
      message: "Set max_workers of workspace /src/api to 2 (was unset); a running orchestrator " +
        "uses it after a restart.",
    });
  });

  const rows = auditOf(sb) as unknown as {
    action: string;
    target: string;
    interface: string;
    outcome: string;
    details: Record<string, unknown>;
  }[];
  assert.deepEqual(
    rows.map((
      e,
    ) => [e.action, e.target, e.interface, e.outcome, e.details["key"], e.details["to"]]),
    [
      ["limits", "config", "tui", "ok", "max_workers", 5],
      ["limits", "config", "tui", "ok", "budget.monthly_usd", 300],
      ["limits", "/src/api", "tui", "ok", "max_workers", 2],
    ],
    "one row per change; refused requests left none",
  );
});
