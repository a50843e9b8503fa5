/**
 * A tagged template that escapes by default: `markup\`<td>${title}</td>\`` escapes `title`,
 * while a value that is itself the result of `markup` is inserted as is. Markup is only ever
 * built this way, so forgetting to escape a value takes effort. Templates quote every attribute
 * with double quotes and never put a value in an attribute name, a URL or a script, the places
 * where escaping alone would not be enough. (The tag is not called `html` because `deno fmt`
 * reflows templates with that tag, which would change the page's text.)
 */
import { escapeHtml } from "./escape.ts";

class SafeHtml {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** Markup built by `markup`: safe to insert into a page. */
export type Html = SafeHtml;

/** What a template may interpolate; `undefined`, `null` and `false` insert nothing. */
export type HtmlValue = string | number | Html | readonly HtmlValue[] | undefined | null | false;

function insert(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(insert).join("");
  return escapeHtml(String(value));
}

/**
 * Builds markup, escaping every interpolated string and number.
 *
 * @param strings the template's literal parts (trusted: they are FORGE's own source)
 * @param values the interpolated values
 * @returns the markup
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += insert(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}
