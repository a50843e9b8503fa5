import assert from "node:assert/strict";
import { openAiBackend } from "../../../src/chat/backends/mod.ts";
import { waitFor } from "../../helpers/wait.ts";
import { llmError, llmText, startFakeOpenAi } from "../_fake_llm.ts";
import {
  backendError,
  failure,
  OPENAI_KEY,
  OPENAI_SECRETS,
  openAiSettings,
  sampleRequest,
  testDeps,
} from "./_backend_fixture.ts";

// The retry layer is shared by both HTTP backends; it is driven here through the OpenAI one.

Deno.test("openAiBackend() waits as Retry-After says on 429, then succeeds", async () => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  llm.script(llmError(429, "Rate limit reached", { "retry-after": "7" }), llmText("Done."));
  const deps = testDeps({ secrets: OPENAI_SECRETS });
  const reply = await openAiBackend(await openAiSettings(llm.url), deps).ask(await sampleRequest());
  assert.equal(reply.message, "Done.");
  assert.equal(llm.requests.length, 2);
  assert.deepEqual(deps.sleeps, [7_000]);
});

Deno.test("openAiBackend() gives up on 500 after exactly max_retries + 1 attempts", async () => {
  await using llm = startFakeOpenAi({ apiKey: OPENAI_KEY });
  llm.fallback = llmError(500, "The server had an error while processing your request");
  const deps = testDeps({ secrets: OPENAI_SECRETS });
  const backend = openAiBackend(await openAiSettings(llm.url, { max_retries: 2 }), deps);
  const error = await backendError(async () => backend.ask(await sampleRequest()));
  assert.equal(llm.requests.length, 3);
  assert.deepEqual(deps.sleeps, [500, 1_000]);
  assert.equal(
    error.message,
    "the chat API at " + new URL(llm.url).host + " failed with 500 on all 3 attempts: " +
      '"api_error: The server had an error while processing your request"; try again later',
  );
  assert.equal(error.transient, true);
});

Deno.test("openAiBackend() times out an attempt that hangs", async () => {
  await using llm = startFakeOpenAi();
  llm.script({ kind: "hang" });
  const deps = testDeps();
  const settings = await openAiSettings(llm.url, { api_key: undefined, timeout_seconds: 0.3 });
  const error = await backendError(async () =>
    openAiBackend(settings, deps).ask(await sampleRequest())
  );
  assert.match(error.message, /^the chat API at 127\.0\.0\.1:\d+ gave no answer within 0\.3 s; /);
  assert.equal(error.transient, true);
  assert.equal(llm.requests.length, 1, "a timeout is not retried");
  await waitFor(() => llm.openConnections() === 0, { what: "the request's connection to close" });
});

Deno.test("openAiBackend() rejects with the caller's reason when aborted", async () => {
  await using llm = startFakeOpenAi();
  llm.script({ kind: "hang" });
  const settings = await openAiSettings(llm.url, { api_key: undefined, timeout_seconds: 60 });
  const controller = new AbortController();
  const asking = openAiBackend(settings, testDeps()).ask(await sampleRequest(), controller.signal);
  await waitFor(() => llm.requests.length === 1, { what: "the request" });
  controller.abort(new Error("cancelled by the user"));
  const error = await failure(() => asking);
  assert.equal(error.message, "cancelled by the user");
});

Deno.test("openAiBackend() retries a dropped connection, then reports a refused one", async (t) => {
  await t.step("dropped once, then answered", async () => {
    await using llm = startFakeOpenAi();
    llm.script({ kind: "close" }, llmText("Back."));
    const deps = testDeps();
    const backend = openAiBackend(await openAiSettings(llm.url, { api_key: undefined }), deps);
    assert.equal((await backend.ask(await sampleRequest())).message, "Back.");
    assert.equal(llm.requests.length, 2);
    assert.deepEqual(deps.sleeps, [500]);
  });
  await t.step("refused on every attempt", async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    const deps = testDeps();
    const settings = await openAiSettings(`http://127.0.0.1:${port}/v1`, { max_retries: 1 });
    const backend = openAiBackend(settings, testDeps({ ...deps, secrets: OPENAI_SECRETS }));
    const error = await backendError(async () => backend.ask(await sampleRequest()));
    assert.equal(
      error.message,
      `the chat API at 127.0.0.1:${port} could not be reached (connection refused) on all 2 attempts; ` +
        "check chat.url and that the server is running",
    );
    assert.equal(error.transient, true);
  });
});

Deno.test("openAiBackend() reports a rate limit that outlasts the retries", async () => {
  await using llm = startFakeOpenAi();
  llm.fallback = llmError(429, "Rate limit reached for requests", { "retry-after": "2" });
  const deps = testDeps();
  const settings = await openAiSettings(llm.url, { api_key: undefined, max_retries: 1 });
  const error = await backendError(async () =>
    openAiBackend(settings, deps).ask(await sampleRequest())
  );
  assert.equal(
    error.message,
    `the chat API at ${new URL(llm.url).host} answered 429 (rate limit) on all 2 attempts: ` +
      '"rate_limit_error: Rate limit reached for requests"; wait a minute and try again',
  );
  assert.equal(error.transient, true);
  assert.deepEqual(deps.sleeps, [2_000]);
});

Deno.test("openAiBackend() says a connection was dropped when no retry is left", async () => {
  await using llm = startFakeOpenAi();
  llm.script({ kind: "close" });
  const settings = await openAiSettings(llm.url, { api_key: undefined, max_retries: 0 });
  const error = await backendError(async () =>
    openAiBackend(settings, testDeps()).ask(await sampleRequest())
  );
  assert.equal(
    error.message,
    `the chat API at ${new URL(llm.url).host} could not be reached (the connection was closed ` +
      "before the reply was complete); check chat.url and that the server is running",
  );
  assert.equal(error.transient, true);
});

Deno.test("openAiBackend() stops reading a reply larger than 4 MiB, without retrying", async () => {
  await using llm = startFakeOpenAi();
  llm.script({ kind: "raw", status: 200, body: `{"pad":"${"x".repeat(5 * 1024 * 1024)}"}` });
  const settings = await openAiSettings(llm.url, { api_key: undefined, max_retries: 2 });
  const error = await backendError(async () =>
    openAiBackend(settings, testDeps()).ask(await sampleRequest())
  );
  assert.match(error.message, /sent a reply larger than 4 MiB, which FORGE does not read/);
  assert.equal(error.transient, false);
  assert.equal(llm.requests.length, 1);
  await waitFor(() => llm.openConnections() === 0, { what: "the connection to close" });
});
