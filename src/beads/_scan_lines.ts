/**
 * Splits JSONL into lines and feeds them to a collector in one pass: no line-length limit (a line
 * is only bounded by the string size the engine allows), LF or CRLF, blank lines skipped, git
 * conflict markers and malformed lines counted. Bytes that are not UTF-8 are skipped per line.
 */
import { errorMessage } from "../domain/mod.ts";
import type { BeadCollector } from "./_collector.ts";

const FATAL = new TextDecoder("utf-8", { fatal: true });
const LENIENT = new TextDecoder("utf-8");
const OPEN_BRACE = 123;
const CR = 13;
const LF = 10;
const EVENT_TAIL = '"record_type":"event"}';
const CONFLICT_MARKERS = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"] as const;

/**
 * Feeds every line of `input` to the collector.
 *
 * @param collector receives parsed lines and problems
 * @param input the file's text or bytes
 * @param file the path, for problem reports
 * @returns true when the last line had no newline and did not parse (a write in progress)
 */
export function scanInto(
  collector: BeadCollector,
  input: string | Uint8Array,
  file: string,
): boolean {
  if (typeof input === "string") {
    return scanText(collector, input, input.charCodeAt(0) === 0xfeff ? 1 : 0, file);
  }
  // The lenient decoder is several times faster than the strict one; only a file that holds a
  // replacement character (bad bytes, or a real U+FFFD) takes the strict line-by-line path.
  const text = LENIENT.decode(input);
  if (text.includes("\uFFFD")) return scanBytes(collector, input, file);
  return scanText(collector, text, 0, file);
}

function scanText(c: BeadCollector, text: string, from: number, file: string): boolean {
  const len = text.length;
  let start = from;
  let line = 0;
  let truncated = false;
  while (start < len) {
    line++;
    let nl = text.indexOf("\n", start);
    const last = nl === -1;
    if (last) nl = len;
    const end = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (end > start) truncated = parseLine(c, text.slice(start, end), { file, line, last });
    start = nl + 1;
  }
  return truncated;
}

/** The slow path for files holding invalid UTF-8: decode line by line, skip the bad ones. */
function scanBytes(c: BeadCollector, bytes: Uint8Array, file: string): boolean {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let start = bom ? 3 : 0;
  let line = 0;
  let truncated = false;
  while (start < bytes.length) {
    line++;
    let nl = bytes.indexOf(LF, start);
    const last = nl === -1;
    if (last) nl = bytes.length;
    const end = nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
    if (end > start) {
      let text: string | undefined;
      try {
        text = FATAL.decode(bytes.subarray(start, end));
      } catch {
        c.skip("malformed-line", { file, line, message: "not valid UTF-8" });
      }
      if (text !== undefined) truncated = parseLine(c, text, { file, line, last });
    }
    start = nl + 1;
  }
  return truncated;
}

/** Parses one non-empty line; true when it is an unparsable last line without a newline. */
function parseLine(
  c: BeadCollector,
  raw: string,
  at: { readonly file: string; readonly line: number; readonly last: boolean },
): boolean {
  // bead-rs writes keys in order, so an event envelope ends with its record_type: skip it unparsed.
  if (raw.endsWith(EVENT_TAIL)) return false;
  let text = raw;
  if (raw.charCodeAt(0) !== OPEN_BRACE) {
    if (CONFLICT_MARKERS.some((m) => raw.startsWith(m))) {
      c.skip("conflict-marker", {
        file: at.file,
        line: at.line,
        message: `git conflict marker "${raw.slice(0, 40)}": resolve the merge in ${at.file}`,
      });
      return false;
    }
    text = raw.trim();
    if (text === "") return false;
  }
  if (c.reuse(text, at.file, at.line)) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = at.last
      ? "last line is incomplete (no newline; being written?)"
      : `not JSON: ${errorMessage(error).slice(0, 160)}`;
    c.skip("malformed-line", { file: at.file, line: at.line, message });
    return at.last;
  }
  c.add(value, at.file, at.line, text);
  return false;
}
