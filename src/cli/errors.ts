import { readFileSync } from 'node:fs';
import { ApiError, UnreachableError } from '@keyward/client';
import { CommanderError } from 'commander';
import { ConfigError } from '../config.js';

/** The command was called wrongly: exit code 2, like commander's own usage errors. */
export class UsageError extends Error {}

/** An expected failure with a message a person can act on: exit code 1, no stack trace. */
export class CliError extends Error {}

const LABELS: Record<number, string> = {
  400: 'the server refused the request',
  401: 'not authenticated',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  429: 'rate limited',
  // Keyward's own answers when a provider it called did not answer, or it cannot open connections.
  502: 'the provider could not be reached',
  503: 'unavailable',
  504: 'the provider did not answer in time',
};

/** Codes that say more than their status: a provider's refusal is not the server's. */
const CODE_LABELS: Record<string, string> = {
  CONNECTION_CHECK_FAILED: 'the provider did not pass the check',
  CONNECTION_UNREADABLE: 'the stored credentials do not open',
};

function apiErrorLine(error: ApiError): string {
  const label =
    CODE_LABELS[error.code] ??
    LABELS[error.status] ??
    (error.status >= 500 ? 'the server failed' : 'the request failed');
  let hint = '';
  if (error.code === 'CONNECTION_CHECK_FAILED') hint = '; nothing was changed';
  if (error.code === 'CONNECTION_UNREADABLE')
    hint = '; enter the credentials again with "keyward connection update <id>"';
  if (error.status === 401) hint = '; log in again with "keyward login", or check KEYWARD_API_KEY';
  if (error.status === 403) hint = '; use credentials that are allowed to do this';
  if (error.status === 429 && error.retryAfter !== null) hint = `; retry in ${error.retryAfter} s`;
  const request = error.requestId ? ` [${error.requestId}]` : '';
  return `${label} (${error.status} ${error.code}): ${error.message}${hint}${request}`;
}

/**
 * What to print and which exit code to end with, for anything a command threw: 0 for help, 2 for
 * usage, 1 for every other failure. Expected failures get one line; only a bug gets more.
 */
export function failure(error: unknown): { message: string | null; exitCode: number } {
  if (error instanceof CommanderError) {
    const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    // Commander has printed its message already.
    return { message: null, exitCode: shown ? 0 : 2 };
  }
  if (error instanceof UsageError || error instanceof ConfigError)
    return { message: error.message, exitCode: 2 };
  if (error instanceof ApiError) return { message: apiErrorLine(error), exitCode: 1 };
  if (error instanceof UnreachableError) {
    if (error.answered) return { message: error.message, exitCode: 1 };
    return {
      message: `${error.message}. Is "keyward serve" running there? The URL comes from --url, KEYWARD_URL or the stored login`,
      exitCode: 1,
    };
  }
  if (error instanceof CliError) return { message: error.message, exitCode: 1 };
  const file = fileProblem(error);
  if (file) return { message: file, exitCode: 1 };
  // Ctrl-C or Ctrl-D at a prompt.
  if (error instanceof Error && error.name === 'ExitPromptError')
    return { message: 'cancelled', exitCode: 1 };
  return { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
}

/** Why a file named on the command line could not be used, in words, by Node's error code. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

/** `/nonexistent: there is no such file`, for a file error that names its file; null otherwise. */
function fileProblem(error: unknown): string | null {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return null;
  const problem = FILE_PROBLEMS[code];
  return problem ? `${path}: ${problem}` : null;
}

/**
 * Reads a file named on the command line. One that cannot be read is a usage error (exit 2), which names
 * the file and says why, even where Node's error does not name it (reading a directory).
 */
export function readNamedFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const problem = typeof code === 'string' ? FILE_PROBLEMS[code] : undefined;
    throw problem ? new UsageError(`${path}: ${problem}`) : error;
  }
}
