import assert from "node:assert/strict";
import {
  describeSecretRef,
  expandPlaceholders,
  findSecretRefs,
  resolveSecretRefs,
  type SecretLookup,
  type SecretRef,
} from "../../src/domain/mod.ts";

Deno.test("findSecretRefs() lists every reference in order", async (t) => {
  const cases: [string, string, SecretRef[]][] = [
    ["an env reference", "${env:API_KEY}", [{
      kind: "env",
      name: "API_KEY",
      text: "${env:API_KEY}",
    }]],
    ["a lowercase env name", "${env:my_key}", [{
      kind: "env",
      name: "my_key",
      text: "${env:my_key}",
    }]],
    ["the bare form of older configs", "${OPENAI_API_KEY}", [
      { kind: "env", name: "OPENAI_API_KEY", text: "${OPENAI_API_KEY}" },
    ]],
    ["a keychain reference", "${keychain:openai/work}", [
      { kind: "keychain", service: "openai", account: "work", text: "${keychain:openai/work}" },
    ]],
    ["a keychain account with a slash", "${keychain:svc/a/b}", [
      { kind: "keychain", service: "svc", account: "a/b", text: "${keychain:svc/a/b}" },
    ]],
    ["several, with text around them", "Bearer ${env:A}:${B}!", [
      { kind: "env", name: "A", text: "${env:A}" },
      { kind: "env", name: "B", text: "${B}" },
    ]],
  ];
  for (const [name, value, refs] of cases) {
    await t.step(name, () => assert.deepEqual(findSecretRefs(value), refs));
  }
});

Deno.test("findSecretRefs() ignores what is not a secret reference", async (t) => {
  const cases: [string, string][] = [
    ["a lowercase placeholder", "${worker_id}"],
    ["a shell-style variable", "$HOME/bin"],
    ["an env name starting with a digit", "${env:1KEY}"],
    ["a keychain reference without an account", "${keychain:service}"],
    ["an unclosed reference", "${env:KEY"],
    ["plain text", "sk-not-a-reference"],
  ];
  for (const [name, value] of cases) {
    await t.step(name, () => assert.deepEqual(findSecretRefs(value), []));
  }
});

Deno.test("describeSecretRef() names the reference without any value", () => {
  assert.equal(
    describeSecretRef({ kind: "env", name: "API_KEY", text: "${env:API_KEY}" }),
    "environment variable API_KEY",
  );
  assert.equal(
    describeSecretRef({ kind: "keychain", service: "openai", account: "me", text: "" }),
    "keychain entry openai/me",
  );
});

const table: Record<string, string> = { A: "alpha", B: "", KC: "from-keychain" };
const lookup: SecretLookup = (ref) =>
  Promise.resolve(ref.kind === "env" ? table[ref.name] : table["KC"]);

Deno.test("resolveSecretRefs() replaces references and reports the secrets it inserted", async () => {
  const resolved = await resolveSecretRefs("${env:A}/${keychain:s/a}", lookup);
  assert.deepEqual(resolved, {
    value: "alpha/from-keychain",
    missing: [],
    secrets: ["alpha", "from-keychain"],
  });
});

Deno.test("resolveSecretRefs() leaves a missing reference empty and lists it", async () => {
  const resolved = await resolveSecretRefs("key=${env:NOPE};", lookup);
  assert.deepEqual(resolved, {
    value: "key=;",
    missing: [{ kind: "env", name: "NOPE", text: "${env:NOPE}" }],
    secrets: [],
  });
});

Deno.test("resolveSecretRefs() inserts an empty value but does not treat it as a secret", async () => {
  const resolved = await resolveSecretRefs("[${env:B}]", lookup);
  assert.deepEqual(resolved, { value: "[]", missing: [], secrets: [] });
});

Deno.test("resolveSecretRefs() returns a value without references unchanged, without lookups", async () => {
  let calls = 0;
  const counting: SecretLookup = () => {
    calls++;
    return Promise.resolve("x");
  };
  assert.deepEqual(await resolveSecretRefs("plain ${model}", counting), {
    value: "plain ${model}",
    missing: [],
    secrets: [],
  });
  assert.equal(calls, 0);
});

Deno.test("resolveSecretRefs() resolves the same reference twice", async () => {
  const resolved = await resolveSecretRefs("${env:A}-${env:A}", lookup);
  assert.equal(resolved.value, "alpha-alpha");
});

Deno.test("resolveSecretRefs() inserts secrets containing $ sequences verbatim", async (t) => {
  for (const secret of ["pa$$word", "x$&y", "a$'b", "a$`b", "$1$2"]) {
    await t.step(secret, async () => {
      const resolved = await resolveSecretRefs("<${env:S}>", () => Promise.resolve(secret));
      assert.equal(resolved.value, `<${secret}>`);
      assert.deepEqual(resolved.secrets, [secret]);
    });
  }
});

Deno.test("expandPlaceholders() fills FORGE's lowercase placeholders", async (t) => {
  const values = { worker_id: "sim-alpha", model: "sonnet", workspace: "/w" };
  const cases: [string, string, string][] = [
    ["known names", "${workspace}/logs/${worker_id}.log", "/w/logs/sim-alpha.log"],
    ["a name twice", "${model}-${model}", "sonnet-sonnet"],
    ["unknown names stay", "${session_name}/${model}", "${session_name}/sonnet"],
    ["secret references are not placeholders", "${env:KEY} ${HOME}", "${env:KEY} ${HOME}"],
  ];
  for (const [name, template, expected] of cases) {
    await t.step(name, () => assert.equal(expandPlaceholders(template, values), expected));
  }
  await t.step("values with $ sequences are inserted verbatim", () => {
    assert.equal(expandPlaceholders("${workspace}", { workspace: "/a$&b$1" }), "/a$&b$1");
  });
});
