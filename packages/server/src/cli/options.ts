// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Command } from "commander";
import { CONFIG_VARS, loadConfig, type Config, type ConfigKey } from "../infra/config/config";

const FLAG_ARGS: Record<ConfigKey, string> = {
  dataDir: "<dir>",
  host: "<host>",
  port: "<port>",
  publicUrl: "<url>",
  allowedOrigins: "<origins>",
  databaseUrl: "<url>",
  redisUrl: "<url>",
  metricsToken: "<token>",
  metricsListen: "<host:port>",
  logLevel: "<level>",
  trustProxy: "<value>",
  webDir: "<dir>",
  nodeId: "<name>",
  shutdownTimeoutMs: "<ms>",
  rateLimits: "<list>",
  hostingLocation: "<text>",
  processors: "<json>",
  orgStorageCap: "<bytes>",
  instanceStorageCap: "<bytes>",
  ssoAllowInsecureIssuers: "<true|false>",
  ssoIssuers: "<urls>",
  smtpHost: "<host>",
  smtpPort: "<port>",
  smtpSecurity: "<tls|starttls|plaintext>",
  smtpUser: "<name>",
  smtpPassword: "<password>",
  smtpFrom: "<address>",
  smtpCaFile: "<file>",
  smtpDkimSelector: "<selector>",
  smtpDkimKeyFile: "<file>",
  smtpDkimDomain: "<domain>",
  pushServices: "<hosts>",
  pushCaFile: "<file>",
};

/** Adds the configuration flags (each also settable by its environment variable) to a command. */
export function withConfigOptions(command: Command, keys: ConfigKey[]): Command {
  for (const key of keys) {
    const spec = CONFIG_VARS[key];
    command.option(`${spec.flag} ${FLAG_ARGS[key]}`, `${spec.doc} [env ${spec.env}; default ${spec.default}]`);
  }
  return command;
}

export function configFromOptions(options: Record<string, unknown>): Config {
  const flags: Partial<Record<ConfigKey, string>> = {};
  for (const key of Object.keys(CONFIG_VARS) as ConfigKey[]) {
    const camel = CONFIG_VARS[key].flag.replace(/^--/, "").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = options[camel];
    if (typeof value === "string") flags[key] = value;
  }
  return loadConfig(flags);
}

export const STORAGE_KEYS: ConfigKey[] = ["dataDir", "databaseUrl"];
