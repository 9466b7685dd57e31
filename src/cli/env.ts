import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** What the client commands take from the environment. Only this module reads `process.env`. */
export interface CliEnv {
  /** `KEYWARD_URL`: the server, unless `--url` names one. */
  url: string | undefined;
  /** `KEYWARD_API_KEY`: overrides the stored login's credentials. */
  apiKey: string | undefined;
  /** `KEYWARD_PROFILE`: the profile to use, unless `--profile` names one; else the current profile. */
  profile: string | undefined;
  /** `KEYWARD_ORG`: the organization to use where a command needs one and `--org` names none. */
  org: string | undefined;
  /** `KEYWARD_CONFIG_DIR`, else `$XDG_CONFIG_HOME/keyward`, else `~/.config/keyward`. */
  configDir: string;
  /** Where a Secret Service would be reached on Linux; without it there is no keychain to probe. */
  dbusAddress: string | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return {
    url: env.KEYWARD_URL || undefined,
    apiKey: env.KEYWARD_API_KEY?.trim() || undefined,
    profile: env.KEYWARD_PROFILE?.trim() || undefined,
    org: env.KEYWARD_ORG?.trim() || undefined,
    configDir: resolve(env.KEYWARD_CONFIG_DIR || join(configHome, 'keyward')),
    dbusAddress: env.DBUS_SESSION_BUS_ADDRESS || undefined,
  };
}

/**
 * The environment `keyward serve` hands to `loadConfig` (src/config.ts), which validates what it reads:
 * the server's settings, as `readEnv` is the client commands'.
 */
export function serverEnv(): NodeJS.ProcessEnv {
  return process.env;
}
