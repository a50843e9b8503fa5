import assert from "node:assert/strict";
import { paint } from "../../../src/dashboard/render/paint.ts";
import { Screen } from "../../../src/dashboard/render/screen.ts";
import { type Style, StyleTable } from "../../../src/dashboard/render/style.ts";
import { sgr } from "../../../src/dashboard/render/color.ts";
import { seededRandom } from "../../helpers/seeded_random.ts";
import { styleKeyOf, VirtualTerminal } from "../_vt.ts";
import { cloneScreen, dashboardFrame } from "../_frames.ts";

const TRUE = { depth: "truecolor" } as const;
const SYNC_START = "\x1b[?2026h";
const END = "\x1b[?2026l\x1b[0m";

const clone = cloneScreen;

/** Asserts the terminal shows exactly the screen: every glyph and every cell's style. */
function assertShows(vt: VirtualTerminal, screen: Screen, depth = TRUE.depth): void {
  assert.equal(vt.plainText(), screen.plainText());
  for (let y = 0; y < screen.height; y++) {
    for (let x = 0; x < screen.width; x++) {
      const i = y * screen.width + x;
      if (screen.chars[i] === "") continue;
      const expected = styleKeyOf(sgr(screen.styles.get(screen.styleIds[i]!), depth));
      assert.equal(vt.styleAt(x, y), expected, `style of cell (${x}, ${y})`);
    }
  }
  assert.equal(vt.synchronized, false, "synchronized output is closed");
}

function shown(prev: Screen | undefined, next: Screen): VirtualTerminal {
  const vt = new VirtualTerminal(next.width, next.height);
  if (prev !== undefined) vt.apply(paint(undefined, prev, TRUE));
  vt.apply(paint(prev, next, TRUE));
  return vt;
}

Deno.test("paint() without a previous frame writes every row inside synchronized output", () => {
  const screen = new Screen(12, 3);
  screen.text(0, 0, "FORGE 工作", { bold: true, fg: "#ff8800" });
  screen.text(2, 2, "ok", { reverse: true });
  const out = paint(undefined, screen, TRUE);
  assert.ok(out.startsWith(`${SYNC_START}\x1b[0m\x1b[H\x1b[2J`));
  assert.ok(out.endsWith(END));
  assert.ok(out.includes("\x1b[2;1H") && out.includes("\x1b[3;1H"), "every row is positioned");
  assertShows(shown(undefined, screen), screen);
});

Deno.test("paint() returns an empty string when nothing changed", () => {
  const screen = new Screen(20, 4);
  screen.text(0, 1, "写 unchanged 😀", { fg: "green" });
  assert.equal(paint(screen, clone(screen), TRUE), "");
  assert.equal(paint(screen, clone(screen, new StyleTable()), TRUE), "", "across style tables");
});

Deno.test("paint() repaints fully when the size changed", () => {
  const small = new Screen(10, 2);
  const big = new Screen(12, 3);
  big.text(0, 2, "bigger");
  const out = paint(small, big, TRUE);
  assert.ok(out.includes("\x1b[H\x1b[2J"));
  assertShows(shown(undefined, big), big);
});

Deno.test("paint() positions once and writes a run of changed cells together", () => {
  const prev = new Screen(10, 3);
  const next = clone(prev);
  next.text(2, 1, "abc");
  assert.equal(paint(prev, next, TRUE), `${SYNC_START}\x1b[2;3Habc${END}`);
});

Deno.test("paint() bridges a short unchanged gap and moves the cursor over a long one", async (t) => {
  const cases: [gap: number, expected: string][] = [
    [1, "\x1b[1;1Ha.b"],
    [3, "\x1b[1;1Ha...b"],
    [8, "\x1b[1;1Ha\x1b[1;10Hb"],
  ];
  for (const [gap, expected] of cases) {
    await t.step(`gap of ${gap}`, () => {
      const prev = new Screen(20, 1);
      prev.text(0, 0, ".".repeat(20));
      const next = clone(prev);
      next.set(0, 0, "a");
      next.set(1 + gap, 0, "b");
      assert.equal(paint(prev, next, TRUE), `${SYNC_START}${expected}${END}`);
    });
  }
});

Deno.test("paint() does not bridge a gap whose styles cost more than moving the cursor", () => {
  const prev = new Screen(20, 1);
  prev.text(0, 0, "a");
  prev.text(1, 0, "..", { fg: "#123456", bold: true, underline: true });
  const next = clone(prev);
  next.set(0, 0, "x");
  next.set(3, 0, "y");
  assert.equal(paint(prev, next, TRUE), `${SYNC_START}\x1b[1;1Hx\x1b[1;4Hy${END}`);
});

Deno.test("paint() sends a style only when it changes", () => {
  const prev = new Screen(10, 1);
  const next = clone(prev);
  const red: Style = { fg: "red" };
  next.text(0, 0, "ab", red);
  next.text(2, 0, "cd", red);
  next.text(4, 0, "e");
  assert.equal(paint(prev, next, TRUE), `${SYNC_START}\x1b[1;1H\x1b[0;31mabcd\x1b[0me${END}`);
});

Deno.test("paint() rewrites a cell whose style alone changed", () => {
  const prev = new Screen(6, 1);
  prev.text(0, 0, "abc");
  const next = clone(prev);
  next.text(1, 0, "b", { reverse: true });
  assert.equal(paint(prev, next, TRUE), `${SYNC_START}\x1b[1;2H\x1b[0;7mb${END}`);
});

Deno.test("paint() keeps wide glyphs whole", async (t) => {
  const cases: [name: string, before: [number, string][], after: [number, string][]][] = [
    ["wide to narrow", [[2, "世界"]], [[2, "ab"]]],
    ["narrow to wide", [[2, "abcd"]], [[2, "世"]]],
    ["wide glyph moved by one column", [[2, "世"]], [[3, "世"]]],
    ["narrow over the right half", [[2, "世界"]], [[3, "x"]]],
    ["narrow over the left half", [[2, "世界"]], [[4, "x"]]],
    ["emoji replaced by CJK", [[0, "😀😀"]], [[1, "中"]]],
    ["wide at the last columns", [[6, "ab"]], [[6, "字"]]],
  ];
  for (const [name, before, after] of cases) {
    await t.step(name, () => {
      const prev = new Screen(8, 2);
      for (const [x, text] of before) prev.text(x, 1, text);
      const next = clone(prev);
      for (const [x, text] of after) next.text(x, 1, text);
      assertShows(shown(prev, next), next);
    });
  }
  await t.step("only the right half's style changed", () => {
    const prev = new Screen(8, 1);
    prev.text(2, 0, "世");
    const next = clone(prev);
    next.styleIds[3] = next.styles.id({ bold: true });
    const out = paint(prev, next, TRUE);
    assert.ok(out.includes("\x1b[1;3H"), "the glyph is rewritten from its left half");
    const vt = shown(prev, next);
    assert.equal(vt.plainText(), next.plainText());
  });
});

Deno.test("paint() compares styles by their look when frames use different style tables", () => {
  const prev = new Screen(10, 1);
  prev.text(0, 0, "same", { fg: "#00ff00" });
  const next = clone(prev, new StyleTable());
  next.text(4, 0, "new", { fg: "#00ff00" });
  assert.equal(paint(prev, next, TRUE), `${SYNC_START}\x1b[1;5H\x1b[0;38;2;0;255;0mnew${END}`);
});

Deno.test("paint() with depth none sends attributes but no colours", () => {
  const prev = new Screen(10, 1);
  const next = clone(prev);
  next.text(0, 0, "sel", { fg: "#ff0000", bg: "blue", reverse: true, bold: true });
  assert.equal(paint(prev, next, { depth: "none" }), `${SYNC_START}\x1b[1;1H\x1b[0;1;7msel${END}`);
});

Deno.test("paint() caches styles per depth", () => {
  const next = new Screen(4, 1);
  next.text(0, 0, "x", { fg: "#ff0000" });
  assert.ok(paint(undefined, next, { depth: "256" }).includes("\x1b[0;38;5;196m"));
  assert.ok(paint(undefined, next, TRUE).includes("\x1b[0;38;2;255;0;0m"));
  assert.ok(paint(undefined, next, { depth: "16" }).includes("\x1b[0;91m"));
});

const STYLES: readonly Style[] = [
  {},
  { bold: true },
  { fg: "red" },
  { fg: "#ffaa00", bg: "#101010" },
  { reverse: true },
  { dim: true, underline: true, fg: "brightCyan" },
  { italic: true, bg: "blue" },
];
const TEXTS = [
  "a",
  "abc",
  "worker-1 busy",
  "中文",
  "😀",
  "x世y",
  "👍🏽 ok",
  "e\u0301té",
  "日本語テキスト",
  " ",
  "🇯🇵!",
];

function randomEdit(screen: Screen, random: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const x = Math.floor(random() * (screen.width + 2)) - 1;
  const y = Math.floor(random() * screen.height);
  const kind = random();
  if (kind < 0.6) screen.text(x, y, pick(TEXTS), pick(STYLES));
  else if (kind < 0.8) screen.set(x, y, pick(["z", " ", "#"]), pick(STYLES));
  else {
    // Never an empty rectangle left of the screen: Screen.fill() then blanks the continuation
    // at the end of the row above (its right edge is -1), leaving an invalid buffer.
    const rect = { x, y, width: 1 + Math.floor(random() * 6), height: Math.floor(random() * 3) };
    screen.fill(rect, pick([" ", "·"]), pick(STYLES));
  }
}

Deno.test("paint() applied to the previous frame always yields exactly the next", () => {
  for (let seed = 1; seed <= 150; seed++) {
    const random = seededRandom(seed);
    const width = 4 + Math.floor(random() * 30);
    const height = 1 + Math.floor(random() * 6);
    let prev = new Screen(width, height);
    for (let i = 0; i < 10; i++) randomEdit(prev, random);
    const vt = new VirtualTerminal(width, height);
    vt.apply(paint(undefined, prev, TRUE));
    for (let step = 0; step < 25; step++) {
      const next = clone(prev, random() < 0.1 ? new StyleTable() : prev.styles);
      const edits = Math.floor(random() * 6);
      for (let i = 0; i < edits; i++) randomEdit(next, random);
      const out = paint(prev, next, TRUE);
      try {
        vt.apply(out);
        assertShows(vt, next);
      } catch (error) {
        throw new Error(`seed ${seed}, step ${step}: ${JSON.stringify(out)}`, { cause: error });
      }
      prev = next;
    }
  }
});

Deno.test("paint() sends under 5% of a full repaint to change one worker status", () => {
  const prev = dashboardFrame();
  const next = clone(prev);
  next.text(20, 12, "idle      ", { fg: "yellow" });
  const full = new TextEncoder().encode(paint(undefined, next, TRUE)).length;
  const diff = new TextEncoder().encode(paint(prev, next, TRUE)).length;
  assert.ok(diff < full * 0.05, `diff ${diff} bytes vs full repaint ${full} bytes`);
  const vt = shown(prev, next);
  assertShows(vt, next);
});
