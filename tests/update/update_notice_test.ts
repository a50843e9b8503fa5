import assert from "node:assert/strict";
import { checkDue, noticeLine, noticesWanted } from "../../src/update/mod.ts";
import { EMPTY_UPDATE_STATE } from "../../src/update/update_state.ts";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 26, 12);

function facts(
  env: Record<string, string> = {},
  extra: Partial<Parameters<typeof noticesWanted>[0]> = {},
) {
  return {
    env: (name: string) => env[name],
    stderrIsTty: true,
    configCheck: true,
    quietCommand: false,
    ...extra,
  };
}

Deno.test("noticesWanted() is true only for a person at a terminal who did not opt out", async (t) => {
  const cases: [string, ReturnType<typeof facts>, boolean][] = [
    ["a terminal", facts(), true],
    ["a pipe", facts({}, { stderrIsTty: false }), false],
    ["config update.check: false", facts({}, { configCheck: false }), false],
    ["a --json or completion run", facts({}, { quietCommand: true }), false],
    ["FORGE_NO_UPDATE_CHECK=1", facts({ FORGE_NO_UPDATE_CHECK: "1" }), false],
    ["FORGE_NO_UPDATE_CHECK=0", facts({ FORGE_NO_UPDATE_CHECK: "0" }), true],
    ["CI=true", facts({ CI: "true" }), false],
    ["BUILD_NUMBER", facts({ BUILD_NUMBER: "12" }), false],
    ["RUN_ID", facts({ RUN_ID: "7" }), false],
    ["inside a worker", facts({ FORGE_WORKER_ID: "sonnet-alpha" }), false],
  ];
  for (const [name, f, expected] of cases) {
    await t.step(name, () => assert.equal(noticesWanted(f), expected));
  }
});

Deno.test("checkDue() asks at most once a day and never during a rate limit", async (t) => {
  const cases: [string, Partial<typeof EMPTY_UPDATE_STATE>, boolean][] = [
    ["never checked", {}, true],
    ["an hour ago", { lastCheckAt: NOW - HOUR }, false],
    ["25 hours ago", { lastCheckAt: NOW - 25 * HOUR }, true],
    ["rate limited for another hour", {
      lastCheckAt: NOW - 25 * HOUR,
      rateLimitedUntil: NOW + HOUR,
    }, false],
  ];
  for (const [name, state, expected] of cases) {
    await t.step(
      name,
      () =>
        assert.equal(
          checkDue({ ...facts(), state: { ...EMPTY_UPDATE_STATE, ...state }, now: NOW }),
          expected,
        ),
    );
  }
});

Deno.test("noticeLine() shows the stored notice for this version, unless its version is skipped", () => {
  const notice = {
    line: "A new release of forge is available: 1.4.0 → 1.5.0 (stable).",
    version: "1.5.0",
    for: "1.4.0",
  };
  const state = { ...EMPTY_UPDATE_STATE, notice };
  assert.equal(noticeLine(state, "1.4.0"), notice.line);
  assert.equal(noticeLine(state, "1.5.0"), undefined, "made for another version");
  assert.equal(noticeLine({ ...state, skipped: ["1.5.0"] }, "1.4.0"), undefined);
  assert.equal(noticeLine(EMPTY_UPDATE_STATE, "1.4.0"), undefined);
});
