/**
 * Golden frames of the dashboard: each case is drawn with view() and compared with
 * tests/golden/dashboard/<name>.txt (plain text, trailing spaces trimmed: a readable screenshot)
 * and <name>.ans (the bytes paint() sends to a truecolor terminal for a full repaint).
 * `FORGE_UPDATE_GOLDEN=1 deno test -A tests/dashboard/view/` rewrites them.
 */
import assert from "node:assert/strict";
import { paint } from "../../../src/dashboard/render/paint.ts";
import { StyleTable } from "../../../src/dashboard/render/style.ts";
import { view } from "../../../src/dashboard/view/view.ts";
import { goldenCases } from "./_cases.ts";

const DIR = new URL("../../golden/dashboard/", import.meta.url);
const UPDATE = Deno.env.get("FORGE_UPDATE_GOLDEN") === "1";

function plain(text: string): string {
  return `${text.split("\n").map((line) => line.trimEnd()).join("\n")}\n`;
}

async function compare(file: string, actual: string): Promise<void> {
  const url = new URL(file, DIR);
  if (UPDATE) {
    await Deno.mkdir(DIR, { recursive: true });
    await Deno.writeTextFile(url, actual);
    return;
  }
  let expected: string;
  try {
    expected = await Deno.readTextFile(url);
  } catch (error) {
    throw new Error(`Cannot read golden "${file}": run FORGE_UPDATE_GOLDEN=1 to create it`, {
      cause: error,
    });
  }
  assert.equal(actual, expected, `${file} differs (FORGE_UPDATE_GOLDEN=1 rewrites it)`);
}

Deno.test("view() draws every golden frame as kept in tests/golden/dashboard", async (t) => {
  for (const c of goldenCases()) {
    await t.step(c.name, async () => {
      const screen = view(c.model, new StyleTable());
      assert.equal(screen.width, c.model.size.width);
      assert.equal(screen.height, c.model.size.height);
      await compare(`${c.name}.txt`, plain(screen.plainText()));
      await compare(`${c.name}.ans`, paint(undefined, screen, { depth: "truecolor" }));
    });
  }
});

Deno.test("view() is pure: the same model gives the same cells and styles", () => {
  const styles = new StyleTable();
  for (const c of goldenCases().slice(0, 12)) {
    const a = view(c.model, styles);
    const b = view(c.model, styles);
    assert.deepEqual(a.chars, b.chars, c.name);
    assert.deepEqual(a.styleIds, b.styleIds, c.name);
  }
});
