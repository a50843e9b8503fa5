/**
 * `forge completions bash|zsh|fish`: completion scripts generated from the command tree itself,
 * so they never drift from the real commands and flags.
 */
import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../domain/mod.ts";
import type { Output } from "../output.ts";

interface Node {
  readonly path: readonly string[];
  readonly subcommands: readonly string[];
  readonly flags: readonly string[];
}

function walk(cmd: Command, path: readonly string[], out: Node[]): void {
  const subs = cmd.commands as unknown as Command[];
  out.push({
    path,
    subcommands: subs.map((c) => c.name()),
    flags: cmd.options.flatMap((o) =>
      [o.long, o.short].filter((f): f is string => f !== undefined)
    ),
  });
  for (const sub of subs) walk(sub, [...path, sub.name()], out);
}

function bash(nodes: readonly Node[]): string {
  const cases = nodes.map((n) =>
    `    "${n.path.join(" ")}") words="${[...n.subcommands, ...n.flags].join(" ")}" ;;`
  ).join("\n");
  return `# bash completion for forge; add to ~/.bashrc: source <(forge completions bash)
_forge() {
  local cur path="" w words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in -*) ;; *) path="\${path:+$path }$w" ;; esac
  done
  while true; do
    case "$path" in
${cases}
    *) path="\${path% *}"; [ "$path" = "\${path% *}" ] && path=""; continue ;;
    esac
    break
  done
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _forge forge
`;
}

function zsh(nodes: readonly Node[]): string {
  return `#compdef forge
# zsh completion for forge; add to ~/.zshrc: source <(forge completions zsh)
${bash(nodes).replace(/^# bash.*\n/, "")}
autoload -U +X bashcompinit && bashcompinit
complete -F _forge forge
`;
}

function fish(nodes: readonly Node[]): string {
  const lines = [
    "# fish completion for forge: forge completions fish > ~/.config/fish/completions/forge.fish",
  ];
  for (const n of nodes) {
    const cond = n.path.length === 0
      ? "__fish_use_subcommand"
      : `__fish_seen_subcommand_from ${n.path[n.path.length - 1]}`;
    for (const s of n.subcommands) lines.push(`complete -c forge -f -n '${cond}' -a '${s}'`);
    for (const f of n.flags) {
      lines.push(
        f.startsWith("--")
          ? `complete -c forge -n '${cond}' -l '${f.slice(2)}'`
          : `complete -c forge -n '${cond}' -s '${f.slice(1)}'`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Prints a completion script.
 *
 * @param out output
 * @param input the shell and the command tree
 * @returns exit code 0
 * @throws {UsageError} for an unknown shell
 */
export function runCompletions(
  out: Output,
  input: { shell: string; root: Command },
): Promise<number> {
  const nodes: Node[] = [];
  walk(input.root, [], nodes);
  const generators: Record<string, (n: readonly Node[]) => string> = { bash, zsh, fish };
  const generate = generators[input.shell];
  if (generate === undefined) {
    throw new UsageError(
      `Cannot write completions for shell "${input.shell}": supported shells are bash, zsh and fish`,
    );
  }
  out.write(generate(nodes));
  return Promise.resolve(0);
}
