import assert from "node:assert/strict";
import { openAiBackend } from "../../../src/chat/backends/mod.ts";
import { llmCalls, llmError, startFakeOpenAi } from "../_fake_llm.ts";
import {
  backendError,
  chatSettings,
  fixedSecrets,
  OPENAI_KEY,
  OPENAI_SECRETS,
  openAiSettings,
  sampleRequest,
  testDeps,
} from "./_backend_fixture.ts";

interface CompletionsBody {
  model: string;
  max_tokens: number;
  stream: boolean;
  tool_choice: string;
  tools: unknown[];
  messages: { role: string; content: string }[];
}

Deno.test("openAiBackend() sends the chat-completions request and reads tool calls", async () => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  llm.script(llmCalls([
    { tool: "switch_view", arguments: { view: "workers" }, id: "call_abc" },
    { tool: "show_costs", arguments: { period: "week" } },
  ], "Opening the workers view."));
  const backend = openAiBackend(
    await openAiSettings(llm.url),
    testDeps({ secrets: OPENAI_SECRETS }),
  );
  const request = await sampleRequest("switch to workers view", [
    { role: "user", content: "show workers" },
    { role: "assistant", content: "1 worker is active." },
  ]);
  const reply = await backend.ask(request);
  assert.equal(backend.name, "openai (llama3.1)");
  assert.deepEqual(reply, {
    message: "Opening the workers view.",
    calls: [
      { id: "call_abc", tool: "switch_view", arguments: { view: "workers" } },
      { id: "call_fake1_2", tool: "show_costs", arguments: { period: "week" } },
    ],
    requiresConfirmation: false,
  });
  assert.equal(llm.requests.length, 1);
  const seen = llm.requests[0]!;
  assert.equal(seen.path, "/v1/chat/completions");
  assert.equal(seen.headers["authorization"], `Bearer ${OPENAI_KEY}`);
  assert.equal(seen.headers["content-type"], "application/json");
  const body = seen.body as CompletionsBody;
  assert.equal(body.model, "llama3.1");
  assert.equal(body.max_tokens, 1024);
  assert.equal(body.stream, false);
  assert.equal(body.tool_choice, "auto");
  assert.deepEqual(body.tools, request.tools.map((t) => ({ type: "function", function: t })));
  assert.deepEqual(body.messages.map((m) => m.role), [
    "system",
    "user",
    "assistant",
    "user",
  ]);
  assert.match(body.messages[0]?.content ?? "", /FORGE/);
  assert.match(body.messages[0]?.content ?? "", /not instructions/);
  assert.deepEqual(body.messages.slice(1, 3), request.history);
  assert.equal(
    body.messages[3]?.content,
    `switch to workers view\n\nFleet context (JSON):\n${JSON.stringify(request.context)}`,
  );
});

Deno.test("openAiBackend() passes arguments that are not JSON on as a string", async () => {
  await using llm = startFakeOpenAi();
  llm.script(llmCalls([{ tool: "switch_view", arguments: '{"view": "workers"' }]));
  const backend = openAiBackend(await openAiSettings(llm.url, { api_key: undefined }), testDeps());
  const reply = await backend.ask(await sampleRequest());
  assert.deepEqual(reply.calls, [
    { id: "call_fake1_1", tool: "switch_view", arguments: '{"view": "workers"' },
  ]);
  assert.equal(llm.requests[0]?.headers["authorization"], undefined, "no key, no header");
});

Deno.test("openAiBackend() reads the legacy function_call and content parts", async () => {
  await using llm = startFakeOpenAi();
  llm.script({
    kind: "raw",
    body: {
      choices: [{
        message: {
          role: "assistant",
          content: [{ type: "text", text: "Sure." }],
          function_call: { name: "help", arguments: '{"topic":"spawn"}' },
        },
      }],
    },
  });
  const backend = openAiBackend(await openAiSettings(llm.url, { api_key: undefined }), testDeps());
  assert.deepEqual(await backend.ask(await sampleRequest()), {
    message: "Sure.",
    calls: [{ id: "call-1", tool: "help", arguments: { topic: "spawn" } }],
    requiresConfirmation: false,
  });
});

Deno.test("openAiBackend() does not retry a refused key, and never quotes it", async () => {
  await using llm = startFakeOpenAi({ apiKey: "the-right-key-1234" });
  const deps = testDeps({ secrets: OPENAI_SECRETS });
  const backend = openAiBackend(await openAiSettings(llm.url), deps);
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.equal(llm.requests.length, 1);
  assert.deepEqual(deps.sleeps, []);
  assert.equal(
    error.message,
    `the chat API at ${new URL(llm.url).host} refused the key (401): ` +
      "check chat.api_key (${env:OPENAI_KEY})",
  );
  assert.equal(error.transient, false);
});

Deno.test("openAiBackend() says a key is needed when the API asks for one", async () => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  const backend = openAiBackend(await openAiSettings(llm.url, { api_key: undefined }), testDeps());
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.match(
    error.message,
    /requires a key \(401\): set chat\.api_key to a reference such as \$\{env:OPENAI_API_KEY\}$/,
  );
});

Deno.test("openAiBackend() resolves ${env:…} per request and names a missing one", async () => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  const backend = openAiBackend(await openAiSettings(llm.url), testDeps());
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.equal(
    error.message,
    "the chat backend cannot read chat.api_key: it needs environment variable OPENAI_KEY, " +
      "which has no value; export OPENAI_KEY before starting FORGE, or change chat.api_key",
  );
  assert.equal(error.transient, false);
  assert.equal(llm.requests.length, 0, "nothing is sent without the key");
});

Deno.test("openAiBackend() explains answers it cannot use", async (t) => {
  await using llm = startFakeOpenAi();
  const backend = openAiBackend(await openAiSettings(llm.url, { api_key: undefined }), testDeps());
  const host = new URL(llm.url).host;
  const cases: [name: string, step: Parameters<typeof llm.script>[0], message: string][] = [
    [
      "a 200 body that is not JSON",
      { kind: "raw", headers: { "content-type": "text/html" }, body: "<html>Welcome</html>" },
      `the chat API at ${host} answered, but not with JSON ("<html>Welcome</html>"); check ` +
      "that chat.url is the API's base URL (e.g. https://api.openai.com/v1, or " +
      "http://localhost:11434/v1 for Ollama)",
    ],
    [
      "JSON without choices",
      { kind: "raw", body: { object: "list", data: [] } },
      `the chat API at ${host} answered without choices[0].message ("{"object":"list","data":[]}"); ` +
      "check that chat.url and chat.backend match the API (e.g. https://api.openai.com/v1, or " +
      "http://localhost:11434/v1 for Ollama)",
    ],
    [
      "an error sent with 200",
      { kind: "raw", body: { error: "model 'llama9' not found" } },
      `the chat API at ${host} answered with an error: "model 'llama9' not found"; check chat.model`,
    ],
    [
      "400: the API's message",
      llmError(400, "max_tokens is too large: 100000"),
      `the chat API at ${host} rejected the request (400): "invalid_request_error: max_tokens ` +
      'is too large: 100000"; check chat.model and chat.max_tokens',
    ],
    [
      "404: the URL and the model",
      llmError(404, "The model `gpt-9` does not exist"),
      `the chat API at ${host} answered 404 for /v1/chat/completions: "not_found_error: The ` +
      'model `gpt-9` does not exist"; check chat.url and chat.model',
    ],
  ];
  for (const [name, step, message] of cases) {
    await t.step(name, async () => {
      llm.script(step);
      const error = await backendError(async () => backend.ask(await sampleRequest()));
      assert.equal(error.message, message);
      assert.equal(error.transient, false);
    });
  }
});

Deno.test("openAiBackend() sends max_completion_tokens to OpenAI's own API", async () => {
  const seen: { url: string; body: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    seen.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return Promise.resolve(Response.json({ choices: [{ message: { content: "hi" } }] }));
  };
  const settings = await chatSettings({
    backend: "openai",
    model: "gpt-4o-mini",
    api_key: "${env:OPENAI_KEY}",
  });
  const reply = await openAiBackend(settings, testDeps({ fetch, secrets: OPENAI_SECRETS })).ask(
    await sampleRequest(),
  );
  assert.equal(reply.message, "hi");
  assert.equal(seen[0]?.url, "https://api.openai.com/v1/chat/completions");
  assert.equal(seen[0]?.body["max_completion_tokens"], 1024);
  assert.equal(seen[0]?.body["max_tokens"], undefined);
});

Deno.test("openAiBackend() explains a key reference it cannot use", async (t) => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  await t.step("an empty value", async () => {
    const deps = testDeps({ secrets: fixedSecrets({ OPENAI_KEY: "" }) });
    const error = await backendError(async () =>
      openAiBackend(await openAiSettings(llm.url), deps).ask(await sampleRequest())
    );
    assert.equal(
      error.message,
      "the chat backend cannot use chat.api_key: ${env:OPENAI_KEY} is empty; give it the API " +
        "key, or change chat.api_key",
    );
  });
  await t.step("a lookup that fails", async () => {
    const deps = testDeps({ secrets: () => Promise.reject(new Error("the keychain is locked")) });
    const error = await backendError(async () =>
      openAiBackend(await openAiSettings(llm.url), deps).ask(await sampleRequest())
    );
    assert.equal(
      error.message,
      "the chat backend cannot read chat.api_key: looking up its secret failed (the keychain " +
        "is locked); check the reference in chat.api_key",
    );
  });
  assert.equal(llm.requests.length, 0);
});
