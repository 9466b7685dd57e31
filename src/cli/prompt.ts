import { UsageError } from './errors.js';

/** All of standard input, as bytes, up to `limit` bytes. */
export async function readStdinBytes(limit = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new UsageError(`standard input is longer than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** All of standard input, as text, up to `limit` bytes. */
export async function readStdin(limit = 1 << 20): Promise<string> {
  return (await readStdinBytes(limit)).toString('utf8');
}

/** Prompts go to stderr, so that stdout holds only what a command answers. */
const context = () => ({ input: process.stdin, output: process.stderr, clearPromptOnDone: false });

/** A secret to read: what to call it, and whether a terminal asks for it twice (a new one). */
export interface SecretAsk {
  label: string;
  repeat?: boolean;
}

/** One secret from hidden prompts on the terminal. */
async function promptFor({ label, repeat }: SecretAsk): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  const first = await password({ message: `${label[0]?.toUpperCase()}${label.slice(1)}:` }, context());
  if (!first) throw new UsageError(`the ${label} is empty`);
  if (repeat) {
    const again = await password({ message: `Repeat the ${label}:` }, context());
    if (again !== first) throw new UsageError(`the two ${label}s differ`);
  }
  return first;
}

/**
 * A secret (a password, an API key) from a hidden prompt when standard input is a terminal, and from
 * standard input otherwise, less one trailing newline. `repeat` asks twice on a terminal, for new ones.
 */
export async function readSecret(label: string, options: { repeat?: boolean } = {}): Promise<string> {
  if (process.stdin.isTTY) return promptFor({ label, ...options });
  const text = (await readStdin()).replace(/\r?\n$/, '');
  if (!text)
    throw new UsageError(`standard input is empty: pipe the ${label} in, or run on a terminal to be asked`);
  return text;
}

/**
 * Several secrets: one after the other from hidden prompts on a terminal, else one per line of
 * standard input. A missing or empty line, or one too many, is a usage error that says which.
 * @example const [current, next] = await readSecrets([{ label: 'current password' }, { label: 'new password', repeat: true }]);
 */
export async function readSecrets(asks: SecretAsk[]): Promise<string[]> {
  if (process.stdin.isTTY) {
    const answers: string[] = [];
    for (const each of asks) answers.push(await promptFor(each));
    return answers;
  }
  const lines = (await readStdin()).replace(/\r?\n$/, '').split(/\r?\n/);
  const wanted = `pipe the ${asks.map(({ label }) => label).join(' and the ')}, one per line`;
  if (lines.length > asks.length)
    throw new UsageError(`standard input has ${lines.length} lines, not ${asks.length}: ${wanted}`);
  return asks.map(({ label }, i) => {
    const line = lines[i];
    if (!line) throw new UsageError(`standard input has no ${label}: ${wanted}`);
    return line;
  });
}

/** Asks yes or no on the terminal, no by default. Without a terminal there is no one to ask: usage error. */
export async function confirm(question: string, skip: boolean): Promise<boolean> {
  if (skip) return true;
  if (!process.stdin.isTTY)
    throw new UsageError(
      'standard input is not a terminal, so there is no one to confirm; pass --skip-confirm',
    );
  const { default: ask } = await import('@inquirer/confirm');
  return ask({ message: question, default: false }, context());
}
