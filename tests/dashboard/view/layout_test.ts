/**
 * The overview's layout by terminal size, and the table's column layout.
 */
import assert from "node:assert/strict";
import type { Rect } from "../../../src/dashboard/render/screen.ts";
import {
  frameLayout,
  overviewLayout,
  splitRows,
  tooSmall,
} from "../../../src/dashboard/view/layout.ts";
import { type Column, columnWidths } from "../../../src/dashboard/view/table.ts";

function area(r: Rect): number {
  return r.width * r.height;
}

Deno.test("overviewLayout() picks columns and panels by width and height", async (t) => {
  const cases: [width: number, height: number, columns: number, panels: string[]][] = [
    [80, 24, 1, ["workers", "tasks", "activity"]],
    [119, 40, 1, ["workers", "tasks", "activity", "alerts"]],
    [120, 37, 2, ["workers", "subscriptions", "tasks", "activity"]],
    [198, 55, 2, ["workers", "subscriptions", "costs", "tasks", "activity", "alerts"]],
    [199, 37, 3, ["workers", "subscriptions", "tasks", "activity", "costs", "alerts"]],
    [199, 38, 3, [
      "workers",
      "subscriptions",
      "tasks",
      "activity",
      "costs",
      "metrics",
      "alerts",
    ]],
    [199, 55, 3, [
      "workers",
      "subscriptions",
      "routing",
      "tasks",
      "activity",
      "costs",
      "metrics",
      "alerts",
    ]],
  ];
  for (const [width, height, columns, panels] of cases) {
    await t.step(`${width}×${height}`, () => {
      const content = frameLayout({ width, height }, width < 120).content;
      const placed = overviewLayout(content, { width, height });
      assert.deepEqual(placed.map((p) => p.panel), panels);
      assert.equal(new Set(placed.map((p) => p.rect.x)).size, columns);
      const total = placed.reduce((a, p) => a + area(p.rect), 0);
      assert.equal(total, area(content), "the panels tile the content exactly");
      for (const p of placed) {
        assert.ok(p.rect.x >= content.x && p.rect.x + p.rect.width <= content.x + content.width);
        assert.ok(p.rect.y >= content.y && p.rect.y + p.rect.height <= content.y + content.height);
      }
    });
  }
});

Deno.test("tooSmall() is true below 80×24 only", () => {
  assert.equal(tooSmall({ width: 80, height: 24 }), false);
  assert.equal(tooSmall({ width: 79, height: 24 }), true);
  assert.equal(tooSmall({ width: 80, height: 23 }), true);
});

Deno.test("splitRows() hands out every row, fixed parts first", () => {
  const rows = splitRows({ x: 0, y: 2, width: 10, height: 20 }, [5, { weight: 1 }, { weight: 2 }]);
  assert.deepEqual(rows.map((r) => r.height), [5, 5, 10]);
  assert.deepEqual(rows.map((r) => r.y), [2, 7, 12]);
  const squeezed = splitRows({ x: 0, y: 0, width: 10, height: 3 }, [4, 4, { weight: 1 }]);
  assert.deepEqual(squeezed.map((r) => r.height), [3, 0, 0]);
});

Deno.test("columnWidths() drops by rank, narrows to min first, and grows into spare room", () => {
  const columns: Column[] = [
    { title: "Id", width: 10 },
    { title: "Model", width: 18, min: 8, drop: 2 },
    { title: "Cost", width: 6, drop: 3 },
    { title: "Note", width: 10, grow: 1, max: 30, drop: 1 },
  ];
  const fit = (width: number) => columnWidths(columns, width).widths;
  assert.deepEqual(fit(80), [10, 18, 6, 30]);
  assert.deepEqual(fit(50), [10, 18, 6, 10]);
  assert.deepEqual(fit(42), [10, 18, 0, 10], "Cost (rank 3) goes first");
  assert.deepEqual(fit(40), [10, 16, 0, 10], "then Model narrows towards its minimum");
  assert.deepEqual(fit(34), [10, 10, 0, 10]);
  assert.deepEqual(fit(32), [10, 8, 0, 10], "down to its minimum");
  assert.deepEqual(fit(30), [10, 0, 0, 18], "and goes; Note takes the room");
  assert.deepEqual(fit(20), [10, 0, 0, 0]);
  assert.deepEqual(fit(6), [6, 0, 0, 0], "a column that never drops is cut");
  for (let width = 0; width < 90; width++) {
    const { widths, gaps } = columnWidths(columns, width);
    const used = widths.reduce((a, b) => a + b, 0) + gaps.reduce((a, b) => a + b, 0);
    assert.ok(used <= width, `${width}: uses ${used}`);
  }
});
