import assert from "node:assert/strict";
import {
  lastUserText,
  llmCalls,
  llmText,
  startFakeAnthropic,
  startFakeOpenAi,
} from "../_fake_llm.ts";

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

Deno.test("startFakeOpenAi() answers from a handler, then from its fallback", async () => {
  await using llm = startFakeOpenAi({
    fallback: (request) => llmText(`you said: ${lastUserText(request)}`),
  });
  llm.script((request) =>
    llmCalls([{ tool: "help", arguments: { topic: lastUserText(request) } }])
  );
  const ask = async (text: string) => {
    const response = await post(`${llm.url}/chat/completions`, {
      model: "m",
      messages: [{ role: "user", content: text }],
    });
    return (await response.json()).choices[0].message;
  };
  assert.deepEqual((await ask("spawn")).tool_calls, [{
    id: "call_fake1_1",
    type: "function",
    function: { name: "help", arguments: '{"topic":"spawn"}' },
  }]);
  assert.equal((await ask("hello")).content, "you said: hello");
  assert.deepEqual(llm.requests.map((r) => r.path), [
    "/v1/chat/completions",
    "/v1/chat/completions",
  ]);
});

Deno.test("the fake APIs refuse what the real ones refuse", async (t) => {
  await using openai = startFakeOpenAi();
  await using anthropic = startFakeAnthropic();
  await t.step("a wrong path: 404 in the API's error format", async () => {
    const response = await post(`${openai.url}/completions`, { model: "m" });
    assert.equal(response.status, 404);
    assert.match((await response.json()).error.message, /no route for POST \/v1\/completions/);
  });
  await t.step("no anthropic-version header: 400", async () => {
    const response = await post(`${anthropic.url}/v1/messages`, {
      model: "m",
      max_tokens: 10,
      messages: [{ role: "user", content: "hi" }],
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });
  });
  await t.step("tool_choice without tools: 400", async () => {
    const response = await post(`${openai.url}/chat/completions`, {
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      tool_choice: "auto",
    });
    assert.equal(response.status, 400);
    await response.body?.cancel();
  });
});
