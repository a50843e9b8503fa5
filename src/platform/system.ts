/**
 * Clock, environment and randomness from the running system.
 */
import type { Clock, Env, Random } from "../domain/mod.ts";

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/** The process environment. */
export const denoEnv: Env = {
  get: (name) => Deno.env.get(name),
  toObject: () => Deno.env.toObject(),
};

/**
 * An environment from a plain object (tests, and children that must not see FORGE's own).
 *
 * @param values the variables
 * @returns an Env over them
 */
export function envFrom(values: Readonly<Record<string, string>>): Env {
  return { get: (name) => values[name], toObject: () => ({ ...values }) };
}

/** Math.random as a port. */
export const systemRandom: Random = { next: () => Math.random() };

/** Facts about the running program that only the platform knows. */
export interface RuntimeInfo {
  readonly os: string;
  readonly arch: string;
  readonly denoVersion: string;
  readonly execPath: string;
  /** True when running as a `deno compile` binary rather than `deno run`. */
  readonly compiled: boolean;
  readonly pid: number;
  readonly user: string;
  readonly hostname: string;
  readonly cwd: string;
}

/**
 * Describes the running program.
 *
 * @returns runtime facts
 */
export function runtimeInfo(): RuntimeInfo {
  const execPath = Deno.execPath();
  const exeName = execPath.split(/[\\/]/).pop() ?? "";
  return {
    os: Deno.build.os,
    arch: Deno.build.arch,
    denoVersion: Deno.version.deno,
    execPath,
    compiled: !/^deno(\.exe)?$/.test(exeName),
    pid: Deno.pid,
    user: Deno.env.get("USER") ?? Deno.env.get("USERNAME") ?? "unknown",
    hostname: safeHostname(),
    cwd: Deno.cwd(),
  };
}

function safeHostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost";
  }
}
