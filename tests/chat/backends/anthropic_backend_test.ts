import assert from "node:assert/strict";
import { anthropicBackend } from "../../../src/chat/backends/mod.ts";
import { waitFor } from "../../helpers/wait.ts";
import { llmCalls, llmError, llmText, startFakeAnthropic } from "../_fake_llm.ts";
import {
  ANTHROPIC_KEY,
  ANTHROPIC_SECRETS,
  anthropicSettings,
  backendError,
  sampleRequest,
  testDeps,
} from "./_backend_fixture.ts";

interface MessagesBody {
  model: string;
  max_tokens: number;
  system: string;
  messages: { role: string; content: string }[];
  tools: { name: string; description: string; input_schema: unknown }[];
}

Deno.test("anthropicBackend() sends a Messages request and reads tool_use blocks", async () => {
  await using llm = startFakeAnthropic({ apiKey: ANTHROPIC_KEY });
  llm.script(llmCalls([
    { tool: "spawn_workers", arguments: { worker: "sim", count: 2 }, id: "toolu_1" },
    { tool: "show_workers", arguments: {} },
  ], "Starting two sim workers."));
  const backend = anthropicBackend(
    await anthropicSettings(llm.url, { max_tokens: 512 }),
    testDeps({ secrets: ANTHROPIC_SECRETS }),
  );
  const request = await sampleRequest("spawn 2 sim", [
    { role: "assistant", content: "Hello! How can I help?" },
    { role: "user", content: "show workers" },
    { role: "assistant", content: "1 worker is active." },
  ]);
  const reply = await backend.ask(request);
  assert.equal(backend.name, "anthropic (claude-sonnet-4-5)");
  assert.deepEqual(reply, {
    message: "Starting two sim workers.",
    calls: [
      { id: "toolu_1", tool: "spawn_workers", arguments: { worker: "sim", count: 2 } },
      { id: "toolu_fake1_2", tool: "show_workers", arguments: {} },
    ],
    requiresConfirmation: false,
  });
  const seen = llm.requests[0]!;
  assert.equal(seen.path, "/v1/messages");
  assert.equal(seen.headers["x-api-key"], ANTHROPIC_KEY);
  assert.equal(seen.headers["anthropic-version"], "2023-06-01");
  assert.equal(seen.headers["content-type"], "application/json");
  assert.equal(seen.headers["authorization"], undefined);
  const body = seen.body as MessagesBody;
  assert.equal(body.model, "claude-sonnet-4-5");
  assert.equal(body.max_tokens, 512);
  assert.match(body.system, /FORGE/);
  assert.deepEqual(
    body.tools,
    request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.parameters,
    })),
  );
  // The greeting before the first user turn is dropped: the API wants a user turn first.
  assert.deepEqual(body.messages, [
    { role: "user", content: "show workers" },
    { role: "assistant", content: "1 worker is active." },
    {
      role: "user",
      content: `spawn 2 sim\n\nFleet context (JSON):\n${JSON.stringify(request.context)}`,
    },
  ]);
});

Deno.test("anthropicBackend() accepts a base URL given with /v1", async () => {
  await using llm = startFakeAnthropic();
  llm.script(llmText("Hi."));
  const backend = anthropicBackend(
    await anthropicSettings(`${llm.url}/v1/`, { api_key: undefined }),
    testDeps(),
  );
  assert.equal((await backend.ask(await sampleRequest())).message, "Hi.");
  assert.equal(llm.requests[0]?.path, "/v1/messages");
  assert.equal(llm.requests[0]?.headers["x-api-key"], undefined, "no key, no header");
});

Deno.test("anthropicBackend() says when a reply was cut at max_tokens", async () => {
  await using llm = startFakeAnthropic();
  llm.script({
    kind: "raw",
    body: {
      type: "message",
      content: [{ type: "text", text: "The three workers are" }],
      stop_reason: "max_tokens",
    },
  });
  const backend = anthropicBackend(
    await anthropicSettings(llm.url, { api_key: undefined }),
    testDeps(),
  );
  assert.equal(
    (await backend.ask(await sampleRequest())).message,
    "The three workers are … (cut at chat.max_tokens)",
  );
});

Deno.test("anthropicBackend() retries 529 overloaded with backoff, then succeeds", async () => {
  await using llm = startFakeAnthropic({ apiKey: ANTHROPIC_KEY });
  llm.script(llmError(529, "Overloaded"), llmError(529, "Overloaded"), llmText("Done."));
  const deps = testDeps({ secrets: ANTHROPIC_SECRETS, random: { next: () => 0 } });
  const reply = await anthropicBackend(await anthropicSettings(llm.url), deps).ask(
    await sampleRequest(),
  );
  assert.equal(reply.message, "Done.");
  assert.equal(llm.requests.length, 3);
  assert.deepEqual(deps.sleeps, [375, 750], "500 ms, then 1 s, each 25 % early");
});

Deno.test("anthropicBackend() quotes the API's error body", async () => {
  await using llm = startFakeAnthropic({ apiKey: ANTHROPIC_KEY });
  llm.script(llmError(400, "max_tokens: 100000 > 64000, the maximum for this model"));
  const backend = anthropicBackend(
    await anthropicSettings(llm.url),
    testDeps({ secrets: ANTHROPIC_SECRETS }),
  );
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.equal(
    error.message,
    `the chat API at ${new URL(llm.url).host} rejected the request (400): ` +
      '"invalid_request_error: max_tokens: 100000 > 64000, the maximum for this model"; ' +
      "check chat.model and chat.max_tokens",
  );
  assert.equal(error.transient, false);
});

Deno.test("anthropicBackend() names the keychain entry of a refused key", async () => {
  await using llm = startFakeAnthropic({ apiKey: "another-key-0000" });
  const deps = testDeps({ secrets: ANTHROPIC_SECRETS });
  const error = await backendError(async () =>
    anthropicBackend(await anthropicSettings(llm.url), deps).ask(await sampleRequest())
  );
  assert.match(
    error.message,
    /refused the key \(401\): check chat\.api_key \(\$\{keychain:forge\/anthropic\}\)$/,
  );
  assert.equal(llm.requests.length, 1);
  assert.deepEqual(deps.sleeps, []);
});

Deno.test("anthropicBackend() names a keychain entry that has no value", async () => {
  const backend = anthropicBackend(await anthropicSettings("http://127.0.0.1:9"), testDeps());
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.match(
    error.message,
    /it needs keychain entry forge\/anthropic, which has no value; add forge\/anthropic to your keychain/,
  );
});

Deno.test("anthropicBackend() times out a hang and reports a JSON body without content", async (t) => {
  await using llm = startFakeAnthropic();
  await t.step("hang", async () => {
    llm.script({ kind: "hang" });
    const settings = await anthropicSettings(llm.url, { api_key: undefined, timeout_seconds: 0.3 });
    const error = await backendError(async () =>
      anthropicBackend(settings, testDeps()).ask(await sampleRequest())
    );
    assert.match(error.message, /gave no answer within 0\.3 s; try again, or raise chat\.timeout/);
    assert.equal(error.transient, true);
    await waitFor(() => llm.openConnections() === 0, { what: "the connection to close" });
  });
  await t.step("no content", async () => {
    llm.script({ kind: "raw", body: { type: "message", role: "assistant" } });
    const settings = await anthropicSettings(llm.url, { api_key: undefined });
    const error = await backendError(async () =>
      anthropicBackend(settings, testDeps()).ask(await sampleRequest())
    );
    assert.match(error.message, /answered without a content array \("\{"type":"message"/);
  });
});
