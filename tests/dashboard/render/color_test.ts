import assert from "node:assert/strict";
import {
  type ColorDepth,
  detectColorDepth,
  nearest256,
  nearestAnsi,
  parseHex,
  type Rgb,
  sgr,
} from "../../../src/dashboard/render/color.ts";
import type { AnsiColor, Style } from "../../../src/dashboard/render/style.ts";

Deno.test("detectColorDepth() follows NO_COLOR, FORCE_COLOR, COLORTERM, then TERM", async (t) => {
  const cases: [env: Record<string, string>, expected: ColorDepth][] = [
    [{}, "16"],
    [{ NO_COLOR: "1", TERM: "xterm-256color", COLORTERM: "truecolor" }, "none"],
    [{ NO_COLOR: "1", FORCE_COLOR: "3" }, "none"],
    [{ NO_COLOR: "", TERM: "xterm-256color" }, "256"],
    [{ FORCE_COLOR: "0", TERM: "xterm-256color" }, "none"],
    [{ FORCE_COLOR: "1", COLORTERM: "truecolor" }, "16"],
    [{ FORCE_COLOR: "2" }, "256"],
    [{ FORCE_COLOR: "3", TERM: "dumb" }, "truecolor"],
    [{ FORCE_COLOR: "", TERM: "dumb" }, "16"],
    [{ FORCE_COLOR: "banana", TERM: "xterm-256color" }, "256"],
    [{ COLORTERM: "truecolor", TERM: "xterm" }, "truecolor"],
    [{ COLORTERM: "24bit" }, "truecolor"],
    [{ COLORTERM: "yes", TERM: "xterm" }, "16"],
    [{ TERM: "dumb" }, "none"],
    [{ TERM: "xterm-256color" }, "256"],
    [{ TERM: "tmux-256color" }, "256"],
    [{ TERM: "screen-256color" }, "256"],
    [{ TERM: "screen" }, "16"],
    [{ TERM: "linux" }, "16"],
  ];
  for (const [env, expected] of cases) {
    await t.step(JSON.stringify(env), () => assert.equal(detectColorDepth(env), expected));
  }
});

Deno.test("parseHex() reads #rrggbb and #rgb and refuses anything else", () => {
  assert.deepEqual(parseHex("#ff8800"), [255, 136, 0]);
  assert.deepEqual(parseHex("#FF8800"), [255, 136, 0]);
  assert.deepEqual(parseHex("#abc"), [170, 187, 204]);
  assert.equal(parseHex("#ff88"), undefined);
  assert.equal(parseHex("#gg0000"), undefined);
  assert.equal(parseHex("red"), undefined);
});

Deno.test("nearest256() picks the closer of the colour cube and the grey ramp", async (t) => {
  const cases: [rgb: Rgb, expected: number][] = [
    [[0, 0, 0], 16],
    [[255, 255, 255], 231],
    [[255, 0, 0], 196],
    [[255, 136, 0], 208],
    [[95, 135, 175], 67],
    [[128, 128, 128], 244],
    [[8, 8, 8], 232],
    [[238, 238, 238], 255],
    [[215, 215, 215], 188],
    [[100, 100, 104], 241],
  ];
  for (const [rgb, expected] of cases) {
    await t.step(String(rgb), () => assert.equal(nearest256(rgb), expected));
  }
});

Deno.test("nearestAnsi() picks the nearest of xterm's 16 colours", async (t) => {
  const cases: [rgb: Rgb, expected: AnsiColor][] = [
    [[0, 0, 0], "black"],
    [[255, 255, 255], "brightWhite"],
    [[255, 0, 0], "brightRed"],
    [[200, 10, 10], "red"],
    [[127, 127, 127], "gray"],
    [[0, 0, 230], "blue"],
    [[255, 136, 0], "yellow"],
    [[230, 230, 230], "white"],
  ];
  for (const [rgb, expected] of cases) {
    await t.step(String(rgb), () => assert.equal(nearestAnsi(rgb), expected));
  }
});

Deno.test("sgr() gives the whole sequence from a reset at every depth", async (t) => {
  const cases: [style: Style, depth: ColorDepth, expected: string][] = [
    [{}, "truecolor", "\x1b[0m"],
    [{ bold: true, fg: "#ff8800" }, "truecolor", "\x1b[0;1;38;2;255;136;0m"],
    [{ bold: true, fg: "#ff8800" }, "256", "\x1b[0;1;38;5;208m"],
    [{ bold: true, fg: "#ff8800" }, "16", "\x1b[0;1;33m"],
    [{ bold: true, fg: "#ff8800" }, "none", "\x1b[0;1m"],
    [{ bg: "#000000" }, "truecolor", "\x1b[0;48;2;0;0;0m"],
    [{ bg: "#000000" }, "256", "\x1b[0;48;5;16m"],
    [{ bg: "#ffffff" }, "16", "\x1b[0;107m"],
    [{ fg: "red", bg: "blue" }, "truecolor", "\x1b[0;31;44m"],
    [{ fg: "gray", bg: "brightBlue" }, "256", "\x1b[0;90;104m"],
    [{ fg: "brightWhite" }, "16", "\x1b[0;97m"],
    [
      { bold: true, dim: true, italic: true, underline: true, reverse: true },
      "none",
      "\x1b[0;1;2;3;4;7m",
    ],
    [{ fg: "red", bg: "#ffffff", reverse: true }, "none", "\x1b[0;7m"],
    [{ fg: "#nothex", underline: true }, "truecolor", "\x1b[0;4m"],
    [{ fg: "orange" as AnsiColor, bold: true }, "16", "\x1b[0;1m"],
  ];
  for (const [style, depth, expected] of cases) {
    await t.step(`${JSON.stringify(style)} at ${depth}`, () => {
      assert.equal(sgr(style, depth), expected);
    });
  }
});
