/**
 * Shell completion made from the command tree itself, so a new command completes with nothing
 * else to change: bash natively, zsh through its bash-completion emulation.
 */
import type { Command } from 'commander';

import { UsageError } from '../exit-codes';

/** Each command path (`datasets upload`; `_` for the top) and the words that may follow it. */
export function completionWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const visit = (command: Command, path: string[]) => {
    const options = [...command.options, ...(path.length === 0 ? [] : program.options)].flatMap(
      (option) => [option.long, option.short].filter((flag): flag is string => Boolean(flag)),
    );
    words.set(path.length === 0 ? '_' : path.join(' '), [
      ...command.commands.map((sub) => sub.name()),
      ...options,
      '--help',
    ]);
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return words;
}

export function bashCompletion(program: Command): string {
  const entries = [...completionWords(program)]
    .map(([path, words]) => `  [${JSON.stringify(path)}]=${JSON.stringify(words.join(' '))}`)
    .join('\n');
  return `# mlspace completion for bash: eval "$(mlspace completion bash)" (or save it to a file your shell sources)
declare -A _mlspace_words=(
${entries}
)
_mlspace() {
  local current="\${COMP_WORDS[COMP_CWORD]}" path="_" word candidate i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ $word == -* ]] && continue
    if [[ $path == _ ]]; then candidate="$word"; else candidate="$path $word"; fi
    [[ -n "\${_mlspace_words[$candidate]+set}" ]] && path="$candidate"
  done
  if [[ $current != -* ]]; then
    COMPREPLY=($(compgen -W "$(printf '%s ' \${_mlspace_words[$path]} | tr ' ' '\\n' | grep -v '^-' | tr '\\n' ' ')" -- "$current"))
    [[ \${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$current"))
  else
    COMPREPLY=($(compgen -W "\${_mlspace_words[$path]}" -- "$current"))
  fi
}
complete -o filenames -F _mlspace mlspace
`;
}

export function zshCompletion(program: Command): string {
  return `# mlspace completion for zsh: eval "$(mlspace completion zsh)" in ~/.zshrc (after compinit)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(program).split('\n').slice(1).join('\n')}`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script: eval "$(mlspace completion bash)"')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell === 'bash') return void process.stdout.write(bashCompletion(program));
      if (shell === 'zsh') return void process.stdout.write(zshCompletion(program));
      throw new UsageError(`Completion is made for bash or zsh, not ${shell}`);
    });
}
