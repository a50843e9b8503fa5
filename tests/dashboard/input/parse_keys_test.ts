import assert from "node:assert/strict";
import { parseKeys } from "../../../src/dashboard/input/parse_keys.ts";
import type { Key } from "../../../src/dashboard/model.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function keysOf(input: string): Key[] {
  const { keys, rest } = parseKeys(bytes(input));
  assert.equal(rest, "", `nothing left over from ${JSON.stringify(input)}`);
  return keys;
}

const char = (c: string, mods: { ctrl?: true; alt?: true } = {}): Key => ({
  kind: "char",
  char: c,
  ...mods,
});
const fn = (n: number): Key => ({ kind: "function", n });

/** Input and the keys it must give, grouped by what they cover. */
const CASES: Record<string, [input: string, expected: Key[]][]> = {
  "printable characters, one key per grapheme": [
    ["a", [char("a")]],
    ["Q ?", [char("Q"), char(" "), char("?")]],
    ["é中😀", [char("é"), char("中"), char("😀")]],
    ["e\u0301👍🏽🇯🇵", [char("e\u0301"), char("👍🏽"), char("🇯🇵")]],
  ],
  "enter, tab, backtab and backspace": [
    ["\r", [{ kind: "enter" }]],
    ["\n", [{ kind: "enter" }]],
    ["\t", [{ kind: "tab" }]],
    ["\x1b[Z", [{ kind: "backtab" }]],
    ["\x7f", [{ kind: "backspace" }]],
    ["\x08", [{ kind: "backspace" }]],
  ],
  "control characters": [
    ["\x01", [char("a", { ctrl: true })]],
    ["\x03", [char("c", { ctrl: true })]],
    ["\x0c", [char("l", { ctrl: true })]],
    ["\x1a", [char("z", { ctrl: true })]],
    ["\x00", [char(" ", { ctrl: true })]],
    ["\x1c", [char("\\", { ctrl: true })]],
  ],
  "escape and alt": [
    ["\x1b", [{ kind: "escape" }]],
    ["\x1b\x1b", [{ kind: "escape" }, { kind: "escape" }]],
    ["\x1bx", [char("x", { alt: true })]],
    ["\x1bX", [char("X", { alt: true })]],
    ["\x1bé", [char("é", { alt: true })]],
    ["\x1b\r", [{ kind: "enter", alt: true }]],
    ["\x1b\x7f", [{ kind: "backspace", alt: true }]],
    ["\x1b\x01", [char("a", { ctrl: true, alt: true })]],
    ["\x1b\x1bq", [{ kind: "escape" }, char("q", { alt: true })]],
  ],
  "cursor keys in CSI and SS3 form": [
    ["\x1b[A\x1b[B\x1b[C\x1b[D", [{ kind: "up" }, { kind: "down" }, { kind: "right" }, {
      kind: "left",
    }]],
    ["\x1bOA\x1bOB\x1bOC\x1bOD", [{ kind: "up" }, { kind: "down" }, { kind: "right" }, {
      kind: "left",
    }]],
    ["\x1b[H\x1b[F\x1bOH\x1bOF", [{ kind: "home" }, { kind: "end" }, { kind: "home" }, {
      kind: "end",
    }]],
    ["\x1b[1~\x1b[4~\x1b[7~\x1b[8~", [{ kind: "home" }, { kind: "end" }, { kind: "home" }, {
      kind: "end",
    }]],
  ],
  "page, insert and delete": [
    ["\x1b[5~", [{ kind: "pageup" }]],
    ["\x1b[6~", [{ kind: "pagedown" }]],
    ["\x1b[2~", [{ kind: "insert" }]],
    ["\x1b[3~", [{ kind: "delete" }]],
  ],
  "function keys": [
    ["\x1bOP\x1bOQ\x1bOR\x1bOS", [fn(1), fn(2), fn(3), fn(4)]],
    ["\x1b[11~\x1b[12~\x1b[13~\x1b[14~\x1b[15~", [fn(1), fn(2), fn(3), fn(4), fn(5)]],
    ["\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~", [fn(6), fn(7), fn(8), fn(9), fn(10)]],
    ["\x1b[23~\x1b[24~", [fn(11), fn(12)]],
    ["\x1b[1;2P\x1b[15;5~", [fn(1), fn(5)]],
    ["\x1b[[A\x1b[[E", [fn(1), fn(5)]],
  ],
  "modifiers": [
    ["\x1b[1;5A", [{ kind: "up", ctrl: true }]],
    ["\x1b[1;2B", [{ kind: "down", shift: true }]],
    ["\x1b[1;3C", [{ kind: "right", alt: true }]],
    ["\x1b[1;6D", [{ kind: "left", ctrl: true, shift: true }]],
    ["\x1b[1;5H", [{ kind: "home", ctrl: true }]],
    ["\x1b[3;5~", [{ kind: "delete", ctrl: true }]],
    ["\x1b[6;2~", [{ kind: "pagedown", shift: true }]],
    ["\x1b\x1b[A", [{ kind: "up", alt: true }]],
    ["\x1b\x1bOD", [{ kind: "left", alt: true }]],
  ],
  "bracketed paste": [
    ["\x1b[200~hello\x1b[201~", [{ kind: "paste", text: "hello" }]],
    ["\x1b[200~a\r\nb\rc\x1b[A\x1b[201~x", [{ kind: "paste", text: "a\nb\nc\x1b[A" }, char("x")]],
    ["\x1b[200~\x1b[201~", [{ kind: "paste", text: "" }]],
  ],
  "mouse and unknown sequences keep the keys after them": [
    ["\x1b[<0;10;5Mq", [{ kind: "unknown", sequence: "\x1b[<0;10;5M" }, char("q")]],
    ["\x1b[M !!q", [{ kind: "unknown", sequence: "\x1b[M !!" }, char("q")]],
    ["\x1b[?1;2cq", [{ kind: "unknown", sequence: "\x1b[?1;2c" }, char("q")]],
    ["\x1b[Iq", [{ kind: "unknown", sequence: "\x1b[I" }, char("q")]],
    ["\x1b[99~q", [{ kind: "unknown", sequence: "\x1b[99~" }, char("q")]],
    ["\x1b[1;\x1b[A", [{ kind: "unknown", sequence: "\x1b[1;" }, { kind: "up" }]],
    ["\x1b[201~q", [{ kind: "unknown", sequence: "\x1b[201~" }, char("q")]],
    ["\x1bO\ra", [char("O", { alt: true }), { kind: "enter" }, char("a")]],
    ["\u0085a", [{ kind: "unknown", sequence: "\u0085" }, char("a")]],
  ],
};

for (const [group, cases] of Object.entries(CASES)) {
  Deno.test(`parseKeys() decodes ${group}`, async (t) => {
    for (const [input, expected] of cases) {
      await t.step(JSON.stringify(input), () => assert.deepEqual(keysOf(input), expected));
    }
  });
}

Deno.test("parseKeys() takes text as well as bytes", () => {
  assert.deepEqual(parseKeys("q\x1b[A"), { keys: [char("q"), { kind: "up" }], rest: "" });
});

Deno.test("parseKeys() keeps an unfinished character or sequence for the next chunk", async (t) => {
  const cases: [first: Uint8Array, second: Uint8Array, expected: Key[]][] = [
    [new Uint8Array([0xe4, 0xb8]), new Uint8Array([0xad]), [char("中")]],
    [new Uint8Array([0xf0]), new Uint8Array([0x9f, 0x98, 0x80]), [char("😀")]],
    [new Uint8Array([0x1b, 0xc3]), new Uint8Array([0xa9]), [char("é", { alt: true })]],
    [bytes("\x1b[1;5"), bytes("A"), [{ kind: "up", ctrl: true }]],
    [bytes("\x1b["), bytes("B"), [{ kind: "down" }]],
    [bytes("\x1bO"), bytes("P"), [fn(1)]],
    [bytes("\x1b[200~abc\x1b[20"), bytes("1~"), [{ kind: "paste", text: "abc" }]],
    [bytes("\x1b[M "), bytes("!!"), [{ kind: "unknown", sequence: "\x1b[M !!" }]],
  ];
  for (const [first, second, expected] of cases) {
    await t.step(JSON.stringify(new TextDecoder().decode(first)), () => {
      const a = parseKeys(first);
      assert.deepEqual(a.keys, []);
      assert.notEqual(a.rest, "");
      const b = parseKeys(second, a.rest);
      assert.deepEqual(b, { keys: expected, rest: "" });
    });
  }
});

Deno.test("parseKeys() replaces a character that never completes", () => {
  const a = parseKeys(new Uint8Array([0x61, 0xe4]));
  assert.deepEqual(a.keys, [char("a")]);
  assert.deepEqual(parseKeys(new Uint8Array([0x62]), a.rest).keys, [char("\uFFFD"), char("b")]);
  assert.deepEqual(parseKeys("b", a.rest).keys, [char("\uFFFD"), char("b")]);
});

Deno.test("parseKeys() takes a lone ESC at the end of a chunk as the Escape key", () => {
  assert.deepEqual(parseKeys(bytes("q\x1b")), { keys: [char("q"), { kind: "escape" }], rest: "" });
});

Deno.test("parseKeys() reads a paste sent one byte at a time", () => {
  const input = bytes("pasted 中文 text\r\nline two\x1b[201~k");
  let step = parseKeys(bytes("\x1b[200~"));
  const keys: Key[] = [];
  for (const b of input) {
    step = parseKeys(new Uint8Array([b]), step.rest);
    keys.push(...step.keys);
  }
  assert.deepEqual(keys, [{ kind: "paste", text: "pasted 中文 text\nline two" }, char("k")]);
  assert.equal(step.rest, "");
});

Deno.test("parseKeys() keeps the first 1 MiB of a huge paste, whole characters only", () => {
  const content = "a" + "中".repeat(600_000);
  const input = bytes(`\x1b[200~${content}\x1b[201~x`);
  const keys: Key[] = [];
  let rest = "";
  for (let i = 0; i < input.length; i += 65_536) {
    const step = parseKeys(input.subarray(i, i + 65_536), rest);
    keys.push(...step.keys);
    rest = step.rest;
    assert.ok(rest.length < 1_100_000, "the rest stays bounded");
  }
  assert.equal(rest, "");
  assert.equal(keys.length, 2);
  const paste = keys[0]!;
  assert.ok(paste.kind === "paste");
  assert.equal(bytes(paste.text).length, 1 + 3 * 349_525);
  assert.equal(paste.text, content.slice(0, 1 + 349_525));
  assert.deepEqual(keys[1], char("x"));
});

const MIXED = [
  "a中😀é\r\t\x1b[Z\x7f\x08\x01\x03",
  "\x1b\x1bq\x1bx\x1b\r",
  "\x1b[A\x1bOB\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1b[5~\x1b[6~\x1b[2~\x1b[3~",
  "\x1bOP\x1b[15~\x1b[24~\x1b[1;5A\x1b[1;2B\x1b[1;3C\x1b\x1b[D",
  "\x1b[200~pa\x1b[Aste 中\r\n\x1b[201~",
  "\x1b[<0;10;5M\x1b[M !!z",
].join("");

Deno.test("parseKeys() gives the same keys wherever a read splits the input", () => {
  const input = bytes(MIXED);
  const whole = keysOf(MIXED);
  const pasteFrom = bytes(MIXED.slice(0, MIXED.indexOf("\x1b[200~"))).length;
  const pasteTo = bytes(MIXED.slice(0, MIXED.indexOf("\x1b[201~"))).length + 6;
  for (let at = 0; at <= input.length; at++) {
    const first = parseKeys(input.subarray(0, at));
    const second = parseKeys(input.subarray(at), first.rest);
    const keys = [...first.keys, ...second.keys];
    assert.equal(second.rest, "", `split at ${at}`);
    const inPaste = at > pasteFrom + 1 && at < pasteTo;
    if (input[at - 1] === 0x1b && !inPaste) {
      // The documented exception: a read ending in ESC means the Escape key.
      assert.deepEqual(first.keys.at(-1), { kind: "escape" }, `split at ${at}`);
      assert.equal(first.rest, "");
      continue;
    }
    assert.deepEqual(keys, whole, `split at ${at}`);
  }
});
