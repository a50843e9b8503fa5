import assert from "node:assert/strict";
import {
  findJsonObject,
  parseCommandReply,
  readToolCalls,
} from "../../../src/chat/backends/read_reply.ts";
import { ChatBackendError } from "../../../src/chat/chat_types.ts";
import { caught } from "./_backend_fixture.ts";

Deno.test("findJsonObject() finds the reply among the noise a backend prints", async (t) => {
  const cases: [name: string, text: string, expected: unknown][] = [
    ["the whole text", '{"message": "hi"}', { message: "hi" }],
    ["pretty-printed", '{\n  "message": "hi"\n}\n', { message: "hi" }],
    ["log lines around it", 'loading model…\n{"message": "hi"}\ndone in 2 s\n', { message: "hi" }],
    ["the last object line wins", '{"message": "draft"}\n{"message": "final"}', {
      message: "final",
    }],
    ["first { to last } inside prose", 'Sure: {"message": "hi"} (done)', { message: "hi" }],
    ["prose only", "Sure! Switching to the workers view.", undefined],
    ["an object wrapped in an array", '[{"message": "hi"}]', { message: "hi" }],
    ["a bare array", "[1, 2]", undefined],
    ["empty", "", undefined],
  ];
  for (const [name, text, expected] of cases) {
    await t.step(name, () => assert.deepEqual(findJsonObject(text), expected));
  }
});

Deno.test("readToolCalls() reads every shape of call backends send", async (t) => {
  const cases: [name: string, items: unknown, expected: unknown][] = [
    ["protocol", [{ id: "a", tool: "help", arguments: { topic: "x" } }], [
      { id: "a", tool: "help", arguments: { topic: "x" } },
    ]],
    ["name/parameters", [{ id: "b", name: "help", parameters: {} }], [
      { id: "b", tool: "help", arguments: {} },
    ]],
    ["arguments as a JSON string", [{ tool: "help", arguments: '{"topic":"y"}' }], [
      { id: "call-1", tool: "help", arguments: { topic: "y" } },
    ]],
    ["arguments that are not JSON stay a string", [{ tool: "help", arguments: "{topic" }], [
      { id: "call-1", tool: "help", arguments: "{topic" },
    ]],
    ["OpenAI's function shape", [{
      id: "c",
      type: "function",
      function: { name: "help", arguments: "{}" },
    }], [{ id: "c", tool: "help", arguments: {} }]],
    ["missing ids are made up in order", [{ tool: "a" }, { id: 7, tool: "b" }, { tool: "c" }], [
      { id: "call-1", tool: "a", arguments: undefined },
      { id: "7", tool: "b", arguments: undefined },
      { id: "call-3", tool: "c", arguments: undefined },
    ]],
    ["non-objects are skipped", ["help", null, 3], []],
    ["not an array", { tool: "help" }, []],
  ];
  for (const [name, items, expected] of cases) {
    await t.step(name, () => assert.deepEqual(readToolCalls(items), expected));
  }
});

Deno.test("parseCommandReply() reads the protocol and the one-line variant", () => {
  assert.deepEqual(
    parseCommandReply(
      '{"tool_calls":[{"id":"1","tool":"switch_view","arguments":{"view":"workers"}}],' +
        '"message":"Opening","requires_confirmation":true}',
    ),
    {
      message: "Opening",
      calls: [{ id: "1", tool: "switch_view", arguments: { view: "workers" } }],
      requiresConfirmation: true,
    },
  );
  assert.deepEqual(parseCommandReply('{"text":"hi","tool_calls":[]}'), {
    message: "hi",
    calls: [],
    requiresConfirmation: false,
  });
});

Deno.test("parseCommandReply() turns unreadable output into one clear error", async (t) => {
  const cases: [name: string, stdout: string, message: RegExp][] = [
    ["nothing", "  \n", /^the chat backend printed nothing; it must print one JSON object/],
    ["prose", "Sure! ".repeat(30), /^the chat backend's reply is not JSON: "Sure! Sure! .{60,}…"/],
    ["an error object", '{"error": "quota exceeded"}', /answered with an error: "quota exceeded"$/],
    ["an error with a message", '{"error": {"message": "no model"}}', /error: "no model"$/],
    [
      "JSON that is no reply",
      '{"status": "ok"}',
      /neither "message" nor "tool_calls": "\{"status":"ok"\}"/,
    ],
  ];
  for (const [name, stdout, message] of cases) {
    await t.step(name, () => {
      const error = thrown(() => parseCommandReply(stdout));
      assert.match(error.message, message);
      assert.equal(error.transient, false);
    });
  }
});

Deno.test("parseCommandReply() masks a credential quoted from a reply", () => {
  const error = thrown(() => parseCommandReply("oops sk-abcdefghijklmnopqrstuvwxyz printed"));
  assert.doesNotMatch(error.message, /sk-abcdefghijklmnop/);
  assert.match(error.message, /\[redacted\]/);
});

function thrown(fn: () => unknown): ChatBackendError {
  const error = caught(fn);
  assert.ok(error instanceof ChatBackendError, String(error));
  return error;
}
