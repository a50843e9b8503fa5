/**
 * Turns zod's issues into the sentences FORGE shows: what was expected, what was found.
 */

/** The parts of a zod issue FORGE reads (zod's own issue types satisfy it). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly pattern?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/**
 * Describes a value found in a file, briefly and without dumping it.
 *
 * @param value anything parsed from YAML
 * @returns e.g. `the string "ten"`, `a list`, `an empty value`
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return `the string ${quote(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}

/**
 * Writes the message of one issue.
 *
 * @param issue the zod issue
 * @param value the value found at the issue's path
 * @returns a lowercase sentence without a trailing period
 */
export function issueMessage(issue: SchemaIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED[issue.expected ?? ""] ?? `a value of type ${issue.expected}`;
      return value === undefined
        ? `required; expected ${expected}`
        : `expected ${expected}, found ${describeValue(value)}`;
    }
    case "too_small":
    case "too_big":
      return `expected ${bound(issue)}, found ${found(value)}`;
    case "invalid_format":
      return issue.pattern === undefined
        ? `invalid format, found ${describeValue(value)}`
        : `expected text matching ${issue.pattern}, found ${describeValue(value)}`;
    case "invalid_key": {
      const name = String(issue.path[issue.path.length - 1] ?? "");
      return `invalid name ${quote(name)}: use letters, digits, "-" and "_", starting with a ` +
        "letter or digit";
    }
    case "invalid_value":
      return `expected one of ${(issue.values ?? []).map(String).join(", ")}, found ${
        describeValue(value)
      }`;
    default:
      return lowerFirst(issue.message);
  }
}

function bound(issue: SchemaIssue): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const edge = issue.inclusive === false
    ? (small ? `greater than ${limit}` : `less than ${limit}`)
    : (small ? `at least ${limit}` : `at most ${limit}`);
  switch (issue.origin) {
    case "string":
      return small && limit === 1 ? "a non-empty string" : `a string of ${edge} characters`;
    case "array":
      return `a list of ${edge} items`;
    default:
      return `a number ${edge}`;
  }
}

function found(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quote(value);
  if (Array.isArray(value)) return `${value.length} items`;
  return describeValue(value);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
