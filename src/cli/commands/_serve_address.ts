/**
 * Where the status server listens and whether it may: `--host`/`--port`, `--serve [host:]port`,
 * the token from `--token` or `FORGE_SERVE_TOKEN`, and the rule that a server reachable beyond
 * this machine needs a token.
 */
import { UsageError } from "../../domain/mod.ts";

/** The default address: this machine only. */
export const DEFAULT_HOST = "127.0.0.1";
/** The default port. */
export const DEFAULT_PORT = 7420;

/** Where to listen. */
export interface ServeAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Reads a port.
 *
 * @param text a port number as typed (0 for any free port)
 * @returns the port
 * @throws {UsageError} when it is not a whole number from 0 to 65535
 */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new UsageError(`Cannot use port "${text}": expected a whole number from 0 to 65535`, {
      hint: "0 asks for any free port",
    });
  }
  return port;
}

/**
 * Reads `--serve`'s value: `PORT`, `HOST:PORT`, `[IPV6]:PORT`, or nothing (the defaults).
 *
 * @param value the flag's value (true when given without one)
 * @returns the address
 * @throws {UsageError} for an unreadable address
 */
export function parseServeAddress(value: string | true): ServeAddress {
  if (value === true) return { host: DEFAULT_HOST, port: DEFAULT_PORT };
  const text = value.trim();
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(text);
  if (v6 !== null) return { host: v6[1] as string, port: parsePort(v6[2] as string) };
  const colon = text.lastIndexOf(":");
  if (colon === -1) return { host: DEFAULT_HOST, port: parsePort(text) };
  const host = text.slice(0, colon);
  if (host.includes(":")) {
    throw new UsageError(`Cannot use address "${value}": write an IPv6 address as [::1]:7420`);
  }
  return { host: host === "" ? DEFAULT_HOST : host, port: parsePort(text.slice(colon + 1)) };
}

/**
 * Whether an address is reachable from this machine only.
 *
 * @param host a host name or IP address
 * @returns true for localhost, 127.0.0.0/8 and ::1
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * The token actions need: `--token`, else `FORGE_SERVE_TOKEN`; refuses to serve beyond loopback
 * without one (before anything binds).
 *
 * @param address where the server would listen
 * @param tokens the flag's value and the environment's
 * @returns the token, or undefined for a read-only server
 * @throws {UsageError} for an empty token, or a non-loopback address without one
 */
export function serveToken(
  address: ServeAddress,
  tokens: { readonly flag: string | undefined; readonly env: string | undefined },
): string | undefined {
  if (tokens.flag !== undefined && tokens.flag.trim() === "") {
    throw new UsageError("Cannot use an empty --token", {
      hint: "pass a long random value, e.g. from `openssl rand -hex 24`",
    });
  }
  const env = tokens.env?.trim() === "" ? undefined : tokens.env;
  const token = tokens.flag ?? env;
  if (token === undefined && !isLoopback(address.host)) {
    throw new UsageError(
      // Not "token: anyone": FORGE's redaction would take "anyone" for the token's value.
      `refusing to serve on ${address.host} without a token — anyone who can reach this machine ` +
        "could read the fleet (pass --token or FORGE_SERVE_TOKEN, or bind 127.0.0.1)",
    );
  }
  return token;
}
