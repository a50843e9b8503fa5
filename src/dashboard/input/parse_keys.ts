/**
 * Raw terminal input to keys. Pure: the caller keeps `rest` (an unfinished UTF-8 character,
 * escape sequence or bracketed paste) and passes it back with the next chunk, so a sequence
 * split between two reads still decodes as one key. Terminals send each key's sequence in one
 * write, so a lone ESC at the very end of a chunk is the Escape key, not the start of a sequence.
 */
import type { Key } from "../model.ts";

/** Keys decoded from a chunk, and what to pass back with the next one. */
export interface ParsedKeys {
  readonly keys: Key[];
  readonly rest: string;
}

type NamedKind = Exclude<Key, { kind: "char" | "function" | "paste" | "unknown" }>["kind"];

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
/** A paste keeps at most this many bytes of UTF-8; the rest is dropped. */
const PASTE_CAP = 1024 * 1024;
/** A CSI sequence longer than this is not one: it is reported and parsing goes on after it. */
const MAX_CSI = 64;
/** Bytes of an unfinished UTF-8 character travel in `rest` as U+DC80-U+DCFF (never decoded text). */
const HELD_BYTE = 0xdc00;

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

const CSI_LETTERS: Readonly<Record<string, NamedKind>> = {
  A: "up",
  B: "down",
  C: "right",
  D: "left",
  H: "home",
  F: "end",
  Z: "backtab",
};
const SS3_KEYS: Readonly<Record<string, Key>> = {
  ...Object.fromEntries(Object.entries(CSI_LETTERS).map(([k, kind]) => [k, { kind }])),
  M: { kind: "enter" },
  P: { kind: "function", n: 1 },
  Q: { kind: "function", n: 2 },
  R: { kind: "function", n: 3 },
  S: { kind: "function", n: 4 },
};
/** `ESC [ n ~` for n = 1-8 (two conventions for Home and End). */
const TILDE_KEYS = "home insert delete end pageup pagedown home end".split(" ") as NamedKind[];
/** `ESC [ n ~` numbers of F1-F20 (the gaps are historical). */
const TILDE_FUNCTIONS = "11 12 13 14 15 17 18 19 20 21 23 24 25 26 28 29 31 32 33 34"
  .split(" ")
  .map(Number);

/** Splits off an unfinished UTF-8 character at the end of the bytes. */
function completeLength(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf8 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? bytes.length - k : bytes.length;
  }
  return bytes.length;
}

/** The text to parse and the bytes still waiting for the rest of their character. */
function decode(input: Uint8Array | string, pending: string): { text: string; held: string } {
  let heldFrom = pending.length;
  while (heldFrom > 0 && (pending.charCodeAt(heldFrom - 1) & 0xff00) === HELD_BYTE) heldFrom--;
  const before = pending.slice(0, heldFrom);
  const heldBefore = Array.from(pending.slice(heldFrom), (c) => c.charCodeAt(0) & 0xff);
  if (typeof input === "string") {
    return { text: before + (heldBefore.length > 0 ? "\uFFFD" : "") + input, held: "" };
  }
  let bytes = input;
  if (heldBefore.length > 0) {
    bytes = new Uint8Array(heldBefore.length + input.length);
    bytes.set(heldBefore);
    bytes.set(input, heldBefore.length);
  }
  const cut = completeLength(bytes);
  const held = String.fromCharCode(...Array.from(bytes.subarray(cut), (b) => HELD_BYTE | b));
  return { text: before + decoder.decode(bytes.subarray(0, cut)), held };
}

function named(kind: NamedKind, modifiers: number): Key {
  const key: { kind: NamedKind; ctrl?: boolean; alt?: boolean; shift?: boolean } = { kind };
  if ((modifiers & 4) !== 0) key.ctrl = true;
  if ((modifiers & 10) !== 0) key.alt = true;
  if ((modifiers & 1) !== 0) key.shift = true;
  return key;
}

/** A C0 control character (or DEL) as a key. */
function controlKey(code: number): Key {
  if (code === 0x0d || code === 0x0a) return { kind: "enter" };
  if (code === 0x09) return { kind: "tab" };
  if (code === 0x08 || code === 0x7f) return { kind: "backspace" };
  if (code === 0) return { kind: "char", char: " ", ctrl: true };
  if (code <= 0x1a) return { kind: "char", char: String.fromCharCode(0x60 + code), ctrl: true };
  return { kind: "char", char: String.fromCharCode(0x40 + code), ctrl: true };
}

function withAlt(key: Key): Key {
  if (key.kind === "function" || key.kind === "paste" || key.kind === "unknown") return key;
  return { ...key, alt: true };
}

/** Keeps the first PASTE_CAP bytes of a paste, never splitting a character. */
function capPaste(text: string): string {
  if (text.length * 3 <= PASTE_CAP) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(PASTE_CAP));
  return text.slice(0, read);
}

/** Parses a bracketed paste whose content starts at `from`; a string is the rest to keep. */
function parsePaste(text: string, from: number, keys: Key[]): number | string {
  const end = text.indexOf(PASTE_END, from);
  if (end >= 0) {
    const content = capPaste(text.slice(from, end)).replace(/\r\n?/g, "\n");
    keys.push({ kind: "paste", text: content });
    return end + PASTE_END.length;
  }
  let content = text.slice(from);
  let tail = "";
  for (let n = Math.min(PASTE_END.length - 1, content.length); n > 0; n--) {
    if (PASTE_END.startsWith(content.slice(-n))) {
      tail = content.slice(-n);
      break;
    }
  }
  content = capPaste(content.slice(0, content.length - tail.length));
  return PASTE_START + content + tail;
}

function csiKey(params: string, final: string): Key | undefined {
  if (!/^[0-9;]*$/.test(params)) return undefined;
  const [first = "", second = "1"] = params.split(";");
  const modifiers = Math.max(0, Number(second) - 1);
  const letter = CSI_LETTERS[final];
  if (letter !== undefined && (first === "" || first === "1")) return named(letter, modifiers);
  if ("PQRS".includes(final) && (first === "" || first === "1")) {
    return { kind: "function", n: 1 + "PQRS".indexOf(final) };
  }
  if (final !== "~" || first === "") return undefined;
  const tilde = TILDE_KEYS[Number(first) - 1];
  if (tilde !== undefined) return named(tilde, modifiers);
  const f = TILDE_FUNCTIONS.indexOf(Number(first));
  return f >= 0 ? { kind: "function", n: f + 1 } : undefined;
}

/** Parses `ESC [ …` starting at `at` (the ESC); a string is the rest to keep. */
function parseCsi(text: string, at: number, keys: Key[], alt: boolean): number | string {
  const p = at + 2;
  const special = text[p] === "M" ? 4 : text[p] === "[" ? 2 : 0;
  if (special > 0) {
    // X10 mouse (ESC [ M and three raw bytes) and the Linux console's F1-F5 (ESC [ [ A-E).
    if (p + special > text.length) return text.slice(at);
    const sequence = text.slice(at, p + special);
    const f = special === 2 ? "ABCDE".indexOf(sequence[3]!) : -1;
    keys.push(f >= 0 ? { kind: "function", n: f + 1 } : { kind: "unknown", sequence });
    return p + special;
  }
  let j = p;
  while (j < text.length && j - at <= MAX_CSI) {
    const c = text.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) break;
    if (c < 0x20 || c > 0x3f) break;
    j++;
  }
  if (j >= text.length) return text.slice(at);
  const c = text.charCodeAt(j);
  if (c < 0x40 || c > 0x7e || j - at > MAX_CSI) {
    keys.push({ kind: "unknown", sequence: text.slice(at, j) });
    return j;
  }
  const params = text.slice(p, j);
  if (params === "200" && text[j] === "~") return parsePaste(text, j + 1, keys);
  const key = csiKey(params, text[j]!);
  if (key === undefined) keys.push({ kind: "unknown", sequence: text.slice(at, j + 1) });
  else keys.push(alt ? withAlt(key) : key);
  return j + 1;
}

/** Parses `ESC O x` starting at `at`; a string is the rest to keep. */
function parseSs3(text: string, at: number, keys: Key[], alt: boolean): number | string {
  if (at + 2 >= text.length) return text.slice(at);
  const c = text.charCodeAt(at + 2);
  if (c < 0x40 || c > 0x7e) {
    keys.push({ kind: "char", char: "O", alt: true });
    return at + 2;
  }
  const key = SS3_KEYS[text[at + 2]!];
  if (key === undefined) keys.push({ kind: "unknown", sequence: text.slice(at, at + 3) });
  else keys.push(alt ? withAlt(key) : key);
  return at + 3;
}

/** ESC ESC: Alt with a sequence (some terminals send Alt+arrow so), or Escape then the rest. */
function parseAltSequence(text: string, at: number, keys: Key[]): number | string {
  const third = text[at + 2];
  let sequence: number | string | undefined;
  if (third === "[") sequence = parseCsi(text, at + 1, keys, true);
  else if (third === "O") sequence = parseSs3(text, at + 1, keys, true);
  if (sequence === undefined) {
    keys.push({ kind: "escape" });
    return at + 1;
  }
  return typeof sequence === "string" ? `\x1b${sequence}` : sequence;
}

/** Parses from an ESC at `at`; a string is the rest to keep. */
function parseEscape(text: string, at: number, final: boolean, keys: Key[]): number | string {
  const next = text[at + 1];
  if (next === undefined) {
    if (!final) return text.slice(at);
    keys.push({ kind: "escape" });
    return at + 1;
  }
  if (next === "[") return parseCsi(text, at, keys, false);
  if (next === "O") return parseSs3(text, at, keys, false);
  if (next === "\x1b") return parseAltSequence(text, at, keys);
  const code = text.codePointAt(at + 1)!;
  const width = code > 0xffff ? 2 : 1;
  if (code >= 0x80 && code <= 0x9f) {
    keys.push({ kind: "unknown", sequence: text.slice(at, at + 2) });
  } else if (code < 0x20 || code === 0x7f) keys.push(withAlt(controlKey(code)));
  else keys.push({ kind: "char", char: text.slice(at + 1, at + 1 + width), alt: true });
  return at + 1 + width;
}

function isPrintable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && (code < 0x80 || code > 0x9f);
}

function pushText(run: string, keys: Key[]): void {
  if (/^[\x20-\x7e]*$/.test(run)) {
    for (const char of run) keys.push({ kind: "char", char });
    return;
  }
  for (const { segment } of segmenter.segment(run)) keys.push({ kind: "char", char: segment });
}

/**
 * Decodes terminal input into keys: printable characters (one key per grapheme), Enter (CR or
 * LF), Tab, Shift+Tab, Backspace (DEL or BS), Ctrl+letter, Escape, Alt+key (ESC then the key),
 * cursor and editing keys in their CSI and SS3 forms with Shift/Alt/Ctrl modifiers, F1-F20, and
 * a bracketed paste as one key (at most 1 MiB, line ends as "\n"). Mouse reports and other
 * unknown sequences become `unknown` keys without swallowing what follows them.
 *
 * @param input bytes read from the terminal, or text
 * @param pending the `rest` of the previous call
 * @returns the keys, and the rest to pass with the next chunk ("" when nothing is unfinished)
 */
export function parseKeys(input: Uint8Array | string, pending = ""): ParsedKeys {
  const { text, held } = decode(input, pending);
  const keys: Key[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x1b) {
      const next = parseEscape(text, i, held === "", keys);
      if (typeof next === "string") return { keys, rest: next + held };
      i = next;
    } else if (code < 0x20 || code === 0x7f) {
      keys.push(controlKey(code));
      i++;
    } else if (!isPrintable(code)) {
      keys.push({ kind: "unknown", sequence: text[i]! });
      i++;
    } else {
      let j = i + 1;
      while (j < text.length && isPrintable(text.charCodeAt(j))) j++;
      pushText(text.slice(i, j), keys);
      i = j;
    }
  }
  return { keys, rest: held };
}
