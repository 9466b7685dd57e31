/**
 * Shell completion scripts, generated from the commander program itself: the subcommands, the flags
 * (a command's own and those of the commands above it, which commander takes anywhere), the values a
 * flag or an argument is limited to. Nothing is listed by hand, so a new command completes at once.
 */
import type { Command, Option } from 'commander';

/** A flag, by each of its names: whether a value follows it, and the values it is limited to. */
interface Flag {
  names: string[];
  takesValue: boolean;
  choices: string[];
  description: string;
}

/** One command of the tree: `path` is its words after `keyward`, joined by spaces (`api-key grant`). */
interface Node {
  path: string;
  commands: [name: string, description: string][];
  flags: Flag[];
  /** The values each positional argument is limited to, in order; empty where any value goes. */
  arguments: string[][];
}

const summary = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a description must not carry them into a script.
  (text.split('\n')[0] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();

function flagOf(option: Option): Flag {
  return {
    names: [option.short, option.long].filter((name): name is string => name !== undefined),
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
    description: summary(option.description),
  };
}

/** Every command of the program, parents first. */
function commandTree(program: Command): Node[] {
  const nodes: Node[] = [];
  const visit = (command: Command, words: string[], inherited: Flag[]) => {
    const help = command.createHelp();
    const own = help.visibleOptions(command).map(flagOf);
    nodes.push({
      path: words.join(' '),
      commands: help.visibleCommands(command).map((sub) => [sub.name(), summary(sub.description())]),
      flags: [...own, ...inherited],
      arguments: command.registeredArguments.map((argument) => argument.argChoices ?? []),
    });
    // Commander takes a command's options after its subcommands too, unless it enables positional
    // options (commander has no getter for that). Help and version stay where they are.
    const positional = (command as unknown as { _enablePositionalOptions: boolean })._enablePositionalOptions;
    const passed = positional
      ? []
      : command.options.filter((o) => !o.hidden && o.attributeName() !== 'version').map(flagOf);
    const visible = help.visibleCommands(command);
    for (const sub of command.commands.filter((sub) => visible.includes(sub)))
      visit(sub, [...words, sub.name()], positional ? [] : [...inherited, ...passed]);
  };
  visit(program, [], []);
  return nodes;
}

/** A word in single quotes for bash and zsh. */
const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** A word in single quotes for fish, whose only escapes there are \\ and \'. */
const fish = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

/**
 * A `case`/`switch` table: for each key, the words to print (one a line). A key missing from the table
 * prints nothing; `miss` says what the function then does, such as `return 1`.
 */
function table(
  shell: 'sh' | 'fish',
  name: string,
  key: string,
  rows: [key: string, words: string[]][],
  miss = '',
): string {
  const quote = shell === 'sh' ? sh : fish;
  const print = (words: string[]) => (words.length ? `printf '%s\\n' ${words.map(quote).join(' ')}` : 'true');
  if (shell === 'fish') {
    const cases = rows.map(([k, words]) => `    case ${quote(k)}\n      ${print(words)}`).join('\n');
    return `function ${name}\n  switch ${key}\n${cases}\n    case '*'\n      ${miss || 'true'}\n  end\nend`;
  }
  const cases = rows.map(([k, words]) => `    ${quote(k)}) ${print(words)} ;;`).join('\n');
  return `${name}() {\n  case ${key} in\n${cases}\n    *) ${miss || 'true'} ;;\n  esac\n}`;
}

/**
 * The functions a completion script looks the program up with, in bash and zsh (`sh`) or fish. Each
 * prints one word a line: `<prefix>_commands <path>` the subcommands, `<prefix>_flags <path>` the flags
 * (both as `name<sep>description` when given `sep`), `<prefix>_values <path> <flag>` the values the flag
 * is limited to (failing for a flag that takes none), `<prefix>_arguments <path> <n>` those of the
 * n-th argument, from 0.
 */
export function completionTables(
  program: Command,
  shell: 'sh' | 'fish',
  prefix: string,
  sep?: string,
): string {
  const nodes = commandTree(program);
  const key = shell === 'sh' ? '"$1:$2"' : '"$argv[1]:$argv[2]"';
  const one = shell === 'sh' ? '"$1"' : '"$argv[1]"';
  const described = (name: string, description: string) => (sep ? `${name}${sep}${description}` : name);
  return [
    table(
      shell,
      `${prefix}_commands`,
      one,
      nodes
        .filter((node) => node.commands.length > 0)
        .map((node) => [node.path, node.commands.map(([name, text]) => described(name, text))]),
    ),
    table(
      shell,
      `${prefix}_flags`,
      one,
      nodes.map((node) => [
        node.path,
        node.flags.flatMap((flag) => flag.names.map((name) => described(name, flag.description))),
      ]),
    ),
    table(
      shell,
      `${prefix}_values`,
      key,
      nodes.flatMap((node) =>
        node.flags
          .filter((flag) => flag.takesValue)
          .flatMap((flag) =>
            flag.names.map((name): [string, string[]] => [`${node.path}:${name}`, flag.choices]),
          ),
      ),
      'return 1',
    ),
    table(
      shell,
      `${prefix}_arguments`,
      key,
      nodes.flatMap((node) =>
        node.arguments.flatMap((choices, i): [string, string[]][] =>
          choices.length ? [[`${node.path}:${i}`, choices]] : [],
        ),
      ),
    ),
  ].join('\n\n');
}
