/**
 * Escaping for the status page: every value that reaches its HTML (bead titles, log lines,
 * alert messages, model names from status files) passes through here, in text and in
 * double-quoted attribute values alike.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

// Controls are matched on purpose: a terminal escape (ESC [ 2 J …) copied from a log into the
// page would be invisible noise at best, so it is shown as a visible control picture instead.
// Tab, line feed and carriage return are ordinary whitespace in HTML and stay.
// deno-lint-ignore no-control-regex
const UNSAFE = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

function replacement(c: string): string {
  const entity = ENTITIES[c];
  if (entity !== undefined) return entity;
  const code = c.charCodeAt(0);
  // U+2400 + n is the control picture of C0 control n (␀ … ␟); ␡ is DEL's.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  // C1 controls (0x9B is a one-byte CSI) have no pictures.
  return "\uFFFD";
}

/**
 * Escapes text for HTML: `& < > " '` become entities, and control characters other than tab,
 * line feed and carriage return become visible stand-ins (ESC shows as ␛, C1 controls as �).
 *
 * @param text any text, however hostile
 * @returns text safe inside an element or a double-quoted attribute value
 * @example
 * ```ts
 * escapeHtml(`<b title="x">\u001b[31m`); // "&lt;b title=&quot;x&quot;&gt;␛[31m"
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(UNSAFE, replacement);
}
