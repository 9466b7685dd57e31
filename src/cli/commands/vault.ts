import type { Command } from 'commander';
import { readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError } from '../errors.js';
import { type FormatFlag, fields, plural, print, table } from '../output.js';

type Flags = UrlFlag & FormatFlag;

async function status(flags: Flags): Promise<void> {
  const client = await connect(flags);
  const vault = await client.vaultStatus();
  await print(flags.format, vault, () =>
    [
      fields([
        [
          'Master keys from',
          vault.source === 'file' ? 'vault.json in the data directory' : 'KEYWARD_VAULT_KEYS',
        ],
        ['Active key', vault.active],
        ['Pending rewrap', plural(vault.pendingRewrap, 'connection')],
        ['Rotating', vault.rotating ? 'yes' : 'no'],
      ]),
      '',
      table(
        [
          ['key', (key) => key.id],
          ['state', (key) => key.state],
          ['connections', (key) => key.records],
        ],
        vault.keys,
      ),
    ].join('\n'),
  );
}

/** Rotates the master key; connections that did not open were left as they were, and exit 1. */
async function rotate(flags: Flags): Promise<void> {
  const client = await connect(flags);
  const report = await client.rotateVault();
  await print(flags.format, report, () =>
    fields([
      ['Active key', report.active],
      ['Added', report.added],
      ['Rewrapped', plural(report.rewrapped, 'connection')],
      ['Failed', report.failed.map((failed) => `${failed.id} (${failed.code})`)],
      ['Retired', report.retired],
      ['Unused', report.unused.length ? `${report.unused.join(', ')}: remove from KEYWARD_VAULT_KEYS` : null],
    ]),
  );
  if (report.failed.length > 0)
    throw new CliError(
      `${plural(report.failed.length, 'connection')} did not open and kept their old key; enter their credentials again with "keyward connection update"`,
    );
}

export function vaultCommands(program: Command): void {
  const group = program
    .command('vault')
    .description('The master keys that encrypt connections (cluster admins)');
  readCommand(
    group,
    'status',
    'Show the master keys, by id, and how many connections each still wraps',
  ).action(status);
  readCommand(
    group,
    'rotate',
    'Rotate the master key without downtime: new connections use a new key, and every one is rewrapped',
  ).action(rotate);
}
