import { Command } from 'commander';
import { serveCommand } from './serve.js';

export function buildProgram(): Command {
  const program = new Command('keyward')
    .description('Keyward: issue, verify, revoke, rotate and audit API keys')
    .version('0.1.0')
    .showHelpAfterError();
  serveCommand(program);
  return program;
}
