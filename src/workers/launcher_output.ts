/**
 * What a launcher printed on stdout. Lenient like FORGE's reader must be (text around the JSON,
 * either field set, `bead_id` or `bead_ref`), or strict like the protocol harness.
 */

/** The fields FORGE uses from a launcher's JSON object. */
export interface LauncherReport {
  readonly workerId: string | undefined;
  readonly session: string | undefined;
  readonly pid: number | undefined;
  readonly status: string | undefined;
  readonly model: string | undefined;
  readonly beadId: string | undefined;
  readonly message: string | undefined;
}

/** A successful report, or why the output means failure. */
export type LauncherOutput =
  | { readonly kind: "ok"; readonly report: LauncherReport; readonly warnings: readonly string[] }
  | { readonly kind: "failed"; readonly reason: string };

const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function failed(reason: string): LauncherOutput {
  return { kind: "failed", reason };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Interprets a launcher's stdout.
 *
 * @param stdout everything the launcher printed
 * @param options `strict` applies the protocol harness's rules (only JSON; `worker_id`, `pid`,
 *   `status: "spawned"` required)
 * @returns the report or the failure reason
 */
export function parseLauncherOutput(
  stdout: string,
  options: { readonly strict?: boolean } = {},
): LauncherOutput {
  const trimmed = stdout.trim();
  if (trimmed === "") return failed("printed nothing on stdout (expected one JSON object)");
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  if (start === -1 || end < start) {
    if (!options.strict && SESSION_NAME.test(trimmed)) {
      return {
        kind: "ok",
        report: emptyReport({ session: trimmed }),
        warnings: ["printed a bare session name instead of JSON"],
      };
    }
    return failed(`printed no JSON object: "${trimmed.slice(0, 120)}"`);
  }
  if (options.strict && (start !== 0 || end !== trimmed.length - 1)) {
    return failed("stdout must hold only the JSON object (print everything else to stderr)");
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed.slice(start, end + 1));
  } catch (error) {
    return failed(`printed invalid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return failed("printed JSON that is not an object");
  }
  return interpret(value as Record<string, unknown>, options.strict === true);
}

function interpret(o: Record<string, unknown>, strict: boolean): LauncherOutput {
  const warnings: string[] = [];
  if (o["error"] !== undefined && o["error"] !== null && o["error"] !== "") {
    return failed(
      `reported an error: ${
        typeof o["error"] === "string" ? o["error"] : JSON.stringify(o["error"])
      }`,
    );
  }
  const status = text(o["status"]);
  if (status === "failed") {
    return failed(`reported status "failed"${text(o["message"]) ? `: ${o["message"]}` : ""}`);
  }
  let pid: number | undefined;
  if (typeof o["pid"] === "number") pid = o["pid"];
  else if (typeof o["pid"] === "string" && /^\d+$/.test(o["pid"])) {
    pid = Number(o["pid"]);
    warnings.push("pid should be a number, not a string");
  } else if (o["pid"] !== undefined && o["pid"] !== null) {
    return failed(`reported pid ${JSON.stringify(o["pid"])}, not a number`);
  }
  if (pid !== undefined && (!Number.isInteger(pid) || pid <= 0)) {
    return failed(`reported pid ${pid}; a live process has a pid above 0`);
  }
  const report: LauncherReport = {
    workerId: text(o["worker_id"]),
    session: text(o["session"]),
    pid,
    status,
    model: text(o["model"]),
    beadId: text(o["bead_id"]) ?? text(o["bead_ref"]),
    message: text(o["message"]),
  };
  if (strict) {
    // null, or a worker_id that is no string, is as good as missing for the harness.
    const missing = [
      ...(report.workerId === undefined ? ["worker_id"] : []),
      ...(pid === undefined ? ["pid"] : []),
      ...(o["status"] === undefined || o["status"] === null ? ["status"] : []),
    ];
    if (missing.length > 0) {
      return failed(`the JSON object lacks ${missing.map((k) => `"${k}"`).join(", ")}`);
    }
    if (status !== "spawned") {
      return failed(`status is ${JSON.stringify(o["status"])}; a launcher must report "spawned"`);
    }
  } else if (status !== undefined && status !== "spawned") {
    warnings.push(`status is "${status}"; launchers should report "spawned"`);
  }
  if (pid === undefined && report.session === undefined && report.workerId === undefined) {
    return failed("reported neither a pid nor a session");
  }
  return { kind: "ok", report, warnings };
}

function emptyReport(fields: Partial<LauncherReport>): LauncherReport {
  return {
    workerId: undefined,
    session: undefined,
    pid: undefined,
    status: undefined,
    model: undefined,
    beadId: undefined,
    message: undefined,
    ...fields,
  };
}
