/**
 * Text from beads, logs, alerts and the command line is drawn as text and nothing else: escape
 * sequences, control characters, CJK, emoji, combining marks and 500-character titles never
 * reach the terminal as anything but glyphs, never wrap, and never push a column out of line.
 */
import assert from "node:assert/strict";
import type { DashboardModel, Overlay } from "../../../src/dashboard/model.ts";
import { VIEWS } from "../../../src/dashboard/model.ts";
import { paint } from "../../../src/dashboard/render/paint.ts";
import type { Screen } from "../../../src/dashboard/render/screen.ts";
import { StyleTable } from "../../../src/dashboard/render/style.ts";
import { view } from "../../../src/dashboard/view/view.ts";
import { fixtureModel, fixtureSnapshot } from "../_fixture.ts";
import { VirtualTerminal } from "../_vt.ts";
import { assertWellFormed } from "./_screen_checks.ts";

const HOSTILE = [
  "\x1b[31mred\x1b[0m title \x1b]0;pwned\x07 with \x1b[2J\x1b[H escapes",
  "修复调度器中的竞争条件并添加测试覆盖率报告以及更多的中文字符",
  "🔥🚀 deploy 👨‍👩‍👧 family 🇯🇵 flag ❤️ heart",
  `long ${"abcdefghij".repeat(50)}`,
  "tab\there\nnewline\r\ncarriage\u0000nul\u0007bell\u009b[2J c1",
  "e\u0301\u0301 combining, zero\u200bwidth, \u202eright-to-left override",
  "ｆｕｌｌｗｉｄｔｈ ＡＢＣ and ｶﾀｶﾅ half-width",
];

const snapshot = (() => {
  const base = fixtureSnapshot({ title: (i) => HOSTILE[i % HOSTILE.length] ?? "" });
  return {
    ...base,
    activity: base.activity.map((l, i) => ({ ...l, message: HOSTILE[i % HOSTILE.length] ?? "" })),
    alerts: base.alerts.map((a, i) => ({ ...a, message: HOSTILE[i % HOSTILE.length] ?? "" })),
    problems: [HOSTILE[0] ?? ""],
  };
})();

function models(size: { width: number; height: number }): [string, DashboardModel][] {
  const base = fixtureModel(snapshot, size);
  const command = {
    ...base.command,
    active: true,
    text: HOSTILE[2] ?? "",
    cursor: 5,
    transcript: HOSTILE.map((text, i) =>
      ({ from: i % 2 === 0 ? "user" : "forge", text, tone: "error" }) as const
    ),
  };
  const overlays: (Overlay | undefined)[] = [
    undefined,
    { kind: "task", index: 3 },
    { kind: "alert", index: 0 },
    {
      kind: "confirm",
      title: HOSTILE[1] ?? "",
      message: HOSTILE[0] ?? "",
      pending: { kind: "action", action: { kind: "kill", target: "x" } },
    },
  ];
  const out: [string, DashboardModel][] = [];
  for (const v of VIEWS) {
    for (const overlay of overlays) {
      out.push([
        `${v} ${overlay?.kind ?? ""}`,
        fixtureModel(snapshot, size, {
          view: v,
          overlay,
          command: v === "chat" ? command : base.command,
          tasks: { ...base.tasks, search: HOSTILE[0] ?? "", searching: v === "tasks" },
          toasts: [{ text: HOSTILE[4] ?? "", level: "error", until: base.now + 1 }],
        }),
      ]);
    }
  }
  return out;
}

function assertPaintsAsDrawn(screen: Screen, label: string): void {
  const vt = new VirtualTerminal(screen.width, screen.height);
  vt.apply(paint(undefined, screen, { depth: "truecolor" }));
  assert.deepEqual(vt.chars, screen.chars, `${label}: the terminal shows other cells`);
}

Deno.test("view() draws hostile text as plain glyphs that paint() sends as drawn", async (t) => {
  const styles = new StyleTable();
  for (
    const size of [{ width: 80, height: 24 }, { width: 120, height: 40 }, {
      width: 199,
      height: 55,
    }]
  ) {
    await t.step(`${size.width}×${size.height}`, () => {
      for (const [label, model] of models(size)) {
        const screen = view(model, styles);
        assertWellFormed(screen, size.width, size.height, label);
        assertPaintsAsDrawn(screen, label);
      }
    });
  }
});

function cellsAt(screen: Screen, x: number, y: number, n: number): string {
  return screen.chars.slice(y * screen.width + x, y * screen.width + x + n).join("");
}

Deno.test("view() keeps the tasks table aligned whatever the titles hold", () => {
  const size = { width: 160, height: 40 };
  const model = fixtureModel(snapshot, size, {
    view: "tasks",
    tasks: { priority: undefined, workspace: undefined, search: "", searching: false },
  });
  const screen = view(model);
  const header = screen.rowText(4);
  const column = header.indexOf("Workspace");
  assert.ok(column > 0, `no Workspace column in ${JSON.stringify(header)}`);
  const names = ["api-gateway", "web-console", "infra"];
  for (let y = 5; y < size.height - 2; y++) {
    const at = cellsAt(screen, column, y, 11);
    assert.ok(
      names.some((n) => at.startsWith(n)),
      `row ${y}: ${JSON.stringify(screen.rowText(y))}`,
    );
    assert.equal(screen.chars[y * size.width + size.width - 1], "┃", `row ${y}: right border`);
  }
});
