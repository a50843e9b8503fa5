/**
 * YAML documents that remember where each key came from, so every problem FORGE reports can name
 * the file, the line and the key.
 */
import type { Node } from "yaml";
import type { SourceIssue } from "./errors.ts";

/** A parsed YAML file with its line table. */
export interface YamlSource {
  readonly file: string;
  /** The plain value, or undefined for an empty document. */
  readonly value: unknown;
  /** Syntax errors, already located. */
  readonly syntaxIssues: readonly SourceIssue[];
  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML text, keeping positions.
 *
 * @param text the file's contents
 * @param file the path to name in messages
 * @returns the value, syntax issues and a line lookup (resolves once yaml is loaded)
 */
export async function parseYamlSource(text: string, file: string): Promise<YamlSource> {
  // Loaded on first use: yaml is the heaviest import of FORGE and most commands never need it.
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = await import("yaml");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxIssues: SourceIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    // linePos is only filled in with prettyErrors, so compute the line from the offset.
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return {
      file,
      ...(pos === undefined ? {} : { line: pos.line }),
      key: "",
      message: firstLine(e.message),
      severity: doc.errors.includes(e as never) ? "error" : "warning",
    } satisfies SourceIssue;
  });
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An alias to a missing anchor, or an alias bomb: the document has no usable value.
      syntaxIssues.push({ file, key: "", message: (error as Error).message, severity: "error" });
    }
  }
  return {
    file,
    value: value ?? undefined,
    syntaxIssues,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = lineOfNode(node as Node | null, lineCounter);
      for (const key of path) {
        const step = stepInto({ isMap, isScalar, isSeq }, node, key);
        if (step === undefined) break;
        line = lineOfNode(step.at, lineCounter) ?? line;
        node = step.node;
      }
      return line;
    },
  };
}

/** Descends one key; `at` is the node whose line names the key (the key itself for maps). */
function stepInto(
  y: Pick<typeof import("yaml"), "isMap" | "isScalar" | "isSeq">,
  node: unknown,
  key: PropertyKey,
): { node: unknown; at: Node } | undefined {
  const { isMap, isScalar, isSeq } = y;
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    if (pair === undefined || !isScalar(pair.key)) return undefined;
    return { node: pair.value, at: pair.key };
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key] as Node | undefined;
    return item === undefined ? undefined : { node: item, at: item };
  }
  return undefined;
}

function lineOfNode(
  node: Node | null | undefined,
  counter: { linePos(offset: number): { line: number } },
): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : counter.linePos(start).line;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
