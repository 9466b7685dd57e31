import { mkdirSync, rmSync } from 'node:fs';
import { ARTIFACTS, LOG_DIR, SECRETS_DIR } from './paths.js';

export default function setup(): void {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(SECRETS_DIR, { recursive: true });
}
