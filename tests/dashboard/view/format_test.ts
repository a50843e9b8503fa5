/**
 * Figures and charts as the dashboard shows them.
 */
import assert from "node:assert/strict";
import { sparkline, wideSparkline } from "../../../src/dashboard/view/charts.ts";
import { ago, baseName, compact, count, usd, wrap } from "../../../src/dashboard/view/format.ts";
import { cols, cut, fitText, isSimple } from "../../../src/dashboard/view/text.ts";
import { fit, textWidth, truncate } from "../../../src/dashboard/render/width.ts";

Deno.test("usd() shows cents, grouped thousands, and a tenth of a cent below one cent", async (t) => {
  const cases: [number, string][] = [
    [0, "$0.00"],
    [0.004, "$0.004"],
    [0.28, "$0.28"],
    [1204.5, "$1,204.50"],
    [-3.1, "-$3.10"],
  ];
  for (const [value, shown] of cases) await t.step(shown, () => assert.equal(usd(value), shown));
});

Deno.test("count(), compact(), ago() and baseName() read as people write them", () => {
  assert.equal(count(10_000), "10,000");
  assert.equal(compact(537_100), "537.1k");
  assert.equal(compact(4_000_000), "4.0M");
  assert.equal(ago(0, 3_000), "now");
  assert.equal(ago(0, 34 * 60_000), "34m");
  assert.equal(baseName("/home/dev/src/api-gateway/"), "api-gateway");
});

Deno.test("wrap() breaks at spaces, cuts long words, and keeps to the width", () => {
  assert.deepEqual(wrap("spawn two sonnet workers now", 12), [
    "spawn two",
    "sonnet",
    "workers now",
  ]);
  assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
  assert.deepEqual(wrap("line one\nline two", 20), ["line one", "line two"]);
  for (const line of wrap("修复调度器中的竞争条件 and more words here", 7)) {
    assert.ok(textWidth(line) <= 7, line);
  }
});

Deno.test("the fast text path agrees with width.ts", () => {
  const samples = [
    "plain ascii",
    "╭─ box ─╮ █▓░ ●◐◆○ ▲✖ → … · × ‹›",
    "修复调度器",
    "emoji 🔥 and ❤️",
    "e\u0301 combining",
    "\x1b[31mescape",
    "⏸ paused ⚡",
  ];
  for (const s of samples) {
    assert.equal(cols(s), textWidth(s), s);
    for (const w of [0, 1, 3, 8, 40]) {
      assert.equal(cut(s, w), truncate(s, w), `${s} at ${w}`);
      assert.equal(fitText(s, w, "right"), fit(s, w, "right"), `${s} at ${w}`);
    }
  }
  assert.equal(isSimple("╭─ ● …"), true);
  assert.equal(isSimple("修"), false);
  assert.equal(isSimple("\x1b"), false);
});

Deno.test("sparkline() scales from zero to the peak and averages when narrower", () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), "▁▂▃▄▅▆▇█");
  assert.equal(sparkline([0, 0, 0], 3), "▁▁▁");
  assert.equal(sparkline([0, 8, 0, 8], 2), "██");
  assert.equal(sparkline([1, 2], 0), "");
  assert.equal(wideSparkline([0, 7], 6), "▁▁▁███");
});
