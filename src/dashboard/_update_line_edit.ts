/**
 * Editing one line of text with a cursor, as a shell does: typing and pasting insert at the
 * cursor (a pasted newline becomes a space, the line is one command), Backspace and Delete remove
 * a character, ←/→ and Home/End move, Ctrl+U clears, Ctrl+W deletes the word before the cursor.
 */
import type { Key } from "./model.ts";
import { keyName } from "./keymap.ts";

/** A line and its cursor (code units). */
export interface Line {
  readonly text: string;
  readonly cursor: number;
}

/**
 * Applies an editing key to a line.
 *
 * @param line the line before
 * @param key the key
 * @returns the line after, or undefined when the key does not edit
 */
export function editLine(line: Line, key: Key): Line | undefined {
  const { text, cursor } = line;
  switch (keyName(key)) {
    case "backspace":
      return cursor === 0 ? line : cut(line, before(text, cursor), cursor);
    case "delete":
      return cursor === text.length ? line : cut(line, cursor, after(text, cursor));
    case "left":
      return { text, cursor: before(text, cursor) };
    case "right":
      return { text, cursor: after(text, cursor) };
    case "home":
    case "ctrl+a":
      return { text, cursor: 0 };
    case "end":
    case "ctrl+e":
      return { text, cursor: text.length };
    case "ctrl+u":
      return { text: "", cursor: 0 };
    case "ctrl+w":
      return cut(line, wordStart(text, cursor), cursor);
  }
  if (key.kind === "paste") return insert(line, key.text.replace(/\r\n|\r|\n/g, " "));
  if (key.kind === "char" && key.ctrl !== true && key.alt !== true) return insert(line, key.char);
  return undefined;
}

function insert(line: Line, added: string): Line {
  const { text, cursor } = line;
  return {
    text: text.slice(0, cursor) + added + text.slice(cursor),
    cursor: cursor + added.length,
  };
}

function cut(line: Line, from: number, to: number): Line {
  return { text: line.text.slice(0, from) + line.text.slice(to), cursor: from };
}

/** The start of the character before `at` (a surrogate pair is one character). */
function before(text: string, at: number): number {
  if (at <= 0) return 0;
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return isLow(low) && isHigh(high) ? at - 2 : at - 1;
}

/** The end of the character at `at`. */
function after(text: string, at: number): number {
  if (at >= text.length) return text.length;
  return isHigh(text.charCodeAt(at)) && isLow(text.charCodeAt(at + 1)) ? at + 2 : at + 1;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Where the word before the cursor starts, skipping spaces right before it first. */
function wordStart(text: string, cursor: number): number {
  let at = cursor;
  while (at > 0 && text[at - 1] === " ") at--;
  while (at > 0 && text[at - 1] !== " ") at--;
  return at;
}
