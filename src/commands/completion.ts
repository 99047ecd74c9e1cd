import { parseCommandArgs } from "../cli/args.js";
import { loadConfig } from "../config/load.js";
import { UsageError } from "../errors.js";
import { openRepository } from "../git/repo.js";
import type { Command } from "./command.js";

const GLOBAL = ["--cwd", "--debug", "--help", "--no-color", "--color"];

/** Every long option a command's help lists. */
function optionsOf(command: Command): string[] {
  const section = command.help.split(/\nOptions:\n/)[1]?.split(/\n\n/)[0] ?? "";
  return [...new Set([...section.matchAll(/(?:^|[\s,])(--[a-z][a-z-]*)/gm)].map((m) => m[1]!))].sort();
}

function bash(commands: [string, Command][]): string {
  const cases = commands
    .map(([name, c]) => `    ${name}) opts="${[...optionsOf(c), ...GLOBAL].join(" ")}" ;;`)
    .join("\n");
  return `# relnotes completion for bash: eval "$(relnotes completion bash)" (e.g. in ~/.bashrc)
_relnotes() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" opts="" i
  if [[ "$prev" == "--cwd" || "$prev" == "--from" || "$prev" == "-o" || "$prev" == "--output" ]]; then
    COMPREPLY=($(compgen -f -- "$cur")); return
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in --cwd) ((i++)) ;; -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "${commands.map(([n]) => n).join(" ")} help ${GLOBAL.join(" ")} --version" -- "$cur")); return
  fi
  case "$cmd" in
${cases}
    help) COMPREPLY=($(compgen -W "${commands.map(([n]) => n).join(" ")}" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else COMPREPLY=($(compgen -W "$(relnotes completion --services 2>/dev/null)" -- "$cur")); fi
}
complete -F _relnotes relnotes
`;
}

function fish(commands: [string, Command][]): string {
  const q = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const lines = [
    "# relnotes completion for fish: relnotes completion fish > ~/.config/fish/completions/relnotes.fish",
    "complete -c relnotes -f",
  ];
  for (const [name, c] of commands)
    lines.push(`complete -c relnotes -n __fish_use_subcommand -a ${name} -d ${q(c.summary.slice(0, 70))}`);
  for (const [name, c] of commands) {
    for (const o of [...optionsOf(c), ...GLOBAL])
      lines.push(`complete -c relnotes -n '__fish_seen_subcommand_from ${name}' -l ${o.slice(2)}`);
  }
  lines.push(
    "complete -c relnotes -n '__fish_seen_subcommand_from preview bump pr next version changelog' -a '(relnotes " +
      "completion --services 2>/dev/null)'",
  );
  return `${lines.join("\n")}\n`;
}

/** The completion command over `commandTable` (every command, loaded), which the command table hands in. */
export const completionCommand = (commandTable: () => Promise<[string, Command][]>): Command => ({
  summary: "print a shell completion script: commands, their options, and the repository's service names",
  help: `Usage: relnotes completion bash|zsh|fish

Prints a completion script for the shell. Service names are read from the
repository's config when you press Tab (relnotes completion --services).

Options:
  --services   print the configured service names, one per line
  --cwd <dir>  the repository whose services to list

Examples:
  eval "$(relnotes completion bash)"                        # in ~/.bashrc
  eval "$(relnotes completion zsh)"                         # in ~/.zshrc
  relnotes completion fish > ~/.config/fish/completions/relnotes.fish
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs("completion", argv, { services: { type: "boolean" } });
    if (values.services) {
      const git = await openRepository(values.cwd ?? io.cwd);
      for (const s of (await loadConfig(git.cwd)).services) if (s.name !== null) io.out(s.name);
      return 0;
    }
    const shell = positionals[0];
    if (positionals.length !== 1 || !["bash", "zsh", "fish"].includes(shell!))
      throw new UsageError("name the shell: relnotes completion bash, zsh or fish");
    const commands = await commandTable();
    // zsh runs the bash function through its bash compatibility layer.
    if (shell === "zsh")
      io.out(`autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n${bash(commands)}`);
    else io.out(shell === "bash" ? bash(commands) : fish(commands));
    return 0;
  },
});
