import assert from "node:assert/strict";
import { redact, Redactor, redactor } from "../../src/domain/mod.ts";

Deno.test("Redactor.redact() masks every occurrence of a value it was given", () => {
  const r = new Redactor();
  r.add("hunter2-plain");
  assert.equal(
    r.redact("pw=hunter2-plain and again hunter2-plain."),
    "pw=[redacted] and again [redacted].",
  );
});

Deno.test("Redactor.add() ignores values shorter than 4 characters", () => {
  const r = new Redactor();
  r.add("abc");
  r.add("");
  assert.equal(r.redact("abc abcd"), "abc abcd");
});

Deno.test("Redactor.redact() masks a longer secret whole when a shorter one is its prefix", () => {
  const r = new Redactor();
  r.add("org1");
  r.add("org1-secret-tail");
  assert.equal(r.redact("key org1-secret-tail, org org1"), "key [redacted], org [redacted]");
});

Deno.test("Redactor.redact() masks credential-shaped strings it was never given", async (t) => {
  const r = new Redactor();
  const cases: [string, string, string][] = [
    ["an OpenAI-style key", "key sk-proj-abcdefghijkl1234 end", "key [redacted] end"],
    ["a GitHub token", "ghp_abcdefghijklmnop1234", "[redacted]"],
    ["a Slack token", "xoxb-1234567890-abc", "[redacted]"],
    ["an AWS access key id", "id AKIAABCDEFGHIJKLMNOP.", "id [redacted]."],
    ["a Google API key", "AIzaSyA1234567890abcdefghijklmnopqrs", "[redacted]"],
    [
      "a bearer token keeps its label",
      "Authorization: Bearer abc.def-ghi_jkl==",
      "Authorization: Bearer [redacted]",
    ],
    [
      "an assignment keeps its name",
      "ANTHROPIC_API_KEY=abcd1234xyz",
      "ANTHROPIC_API_KEY=[redacted]",
    ],
    ["a quoted JSON field keeps its key", '{"api_key": "zzzz9999"}', '{"api_key": "[redacted]"}'],
    ["a password after a colon", "password: s3cret!", "password: [redacted]"],
  ];
  for (const [name, input, expected] of cases) {
    await t.step(name, () => assert.equal(r.redact(input), expected));
  }
});

Deno.test("Redactor.redact() leaves ordinary text and secret references alone", async (t) => {
  const r = new Redactor();
  const cases: [string, string][] = [
    ["a sentence", "worker sim-alpha finished bead fg-12 in 3m05s"],
    ["a reference to a secret", "API_KEY=${env:OPENAI_API_KEY}"],
    ["a keychain reference", "TOKEN: ${keychain:gh/me}"],
    ["token counts", '{"input_tokens": 1234, "max_tokens": 4096}'],
    ["a numeric value after a secret-ish name", "TOKEN=12345678"],
    ["a short sk- word", "task-sk-12"],
  ];
  for (const [name, input] of cases) {
    await t.step(name, () => assert.equal(r.redact(input), input));
  }
});

Deno.test("redact() uses the process-wide redactor", () => {
  const secret = `process-wide-${crypto.randomUUID()}`;
  assert.equal(redact(`x ${secret} y`), `x ${secret} y`);
  redactor.add(secret);
  assert.equal(redact(`x ${secret} y`), "x [redacted] y");
});
