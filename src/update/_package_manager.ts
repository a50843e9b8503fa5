/**
 * Recognises installs owned by a package manager from the binary's real path, so `forge update`
 * can send people to the tool that owns the file instead of fighting it.
 */
import type { Env } from "../domain/mod.ts";

/** The package manager that owns an install. */
export interface PackageManager {
  /** As people call it: "Homebrew", "Nix", … */
  readonly name: string;
  /** Its upgrade command. */
  readonly command: string;
  /** The part of the path it owns (its keg, store entry, app dir, or the binary). */
  readonly root: string;
}

interface Rule {
  readonly name: string;
  readonly command: string;
  /** Matched against the path with forward slashes, case-insensitively; group 1 is the root. */
  readonly pattern: RegExp;
}

const RULES: readonly Rule[] = [
  { name: "Homebrew", command: "brew upgrade forge", pattern: /^(.*\/Cellar\/[^/]+\/[^/]+)\//i },
  { name: "Homebrew", command: "brew upgrade forge", pattern: /^(.*\/opt\/homebrew)\//i },
  { name: "Homebrew", command: "brew upgrade forge", pattern: /^(.*\/home\/linuxbrew)\//i },
  {
    name: "Nix",
    command: "nix profile upgrade forge (or update your Nix configuration)",
    pattern: /^(.*\/nix\/store\/[^/]+)\//i,
  },
  { name: "snap", command: "sudo snap refresh forge", pattern: /^(\/snap\/[^/]+(?:\/[^/]+)?)\//i },
  { name: "Scoop", command: "scoop update forge", pattern: /^(.*\/scoop\/apps\/[^/]+)\//i },
  {
    name: "the Microsoft Store",
    command: "winget upgrade forge",
    pattern: /^(.*\/WindowsApps\/[^/]+)\//i,
  },
  { name: "Chocolatey", command: "choco upgrade forge", pattern: /^(.*\/chocolatey)\//i },
  { name: "WinGet", command: "winget upgrade forge", pattern: /^(.*\/WinGet\/Packages\/[^/]+)\//i },
];

/** Directories only a distribution's packages write to. */
const SYSTEM_DIRS = /^\/(usr\/)?s?bin\/[^/]+$/;

/**
 * Says which package manager owns a binary, if any.
 *
 * @param realPath the binary's path with symlinks resolved
 * @param env read for HOMEBREW_PREFIX
 * @returns the manager, or undefined for a self-managed install
 */
export function packageManagerOf(realPath: string, env: Env): PackageManager | undefined {
  const path = realPath.replaceAll("\\", "/");
  const prefix = env.get("HOMEBREW_PREFIX")?.replaceAll("\\", "/").replace(/\/+$/, "");
  if (prefix !== undefined && prefix !== "" && path.startsWith(`${prefix}/`)) {
    return { name: "Homebrew", command: "brew upgrade forge", root: back(prefix, realPath) };
  }
  for (const rule of RULES) {
    const root = rule.pattern.exec(path)?.[1];
    if (root !== undefined) {
      return { name: rule.name, command: rule.command, root: back(root, realPath) };
    }
  }
  if (SYSTEM_DIRS.test(path)) {
    return {
      name: "your system's package manager",
      command: "sudo apt upgrade forge, sudo dnf upgrade forge or your distribution's equivalent",
      root: realPath,
    };
  }
  return undefined;
}

/** Gives a root found in the slash-normalised path the separators of the original. */
function back(root: string, original: string): string {
  return original.includes("\\") ? root.replaceAll("/", "\\") : root;
}

/**
 * The refusal for a package-managed install (row 19).
 *
 * @param manager who owns it
 * @returns the message
 */
export function packageManagerMessage(manager: PackageManager): string {
  return `forge was installed with ${manager.name} (${manager.root}). Update it with: ${manager.command}`;
}
