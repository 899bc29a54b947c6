// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { secretsFile } from "../infra/data-dir";
import type * as PortabilityModule from "../modules/portability";
import type { PortabilityProgress } from "../modules/portability";
import { CliError } from "./errors";
import { configFromOptions, STORAGE_KEYS, withConfigOptions } from "./options";
import { runningServerPid } from "./serve";

/**
 * `obhut export` / `obhut import`: move one organisation between instances
 * (docs/EXPORT_FORMAT.md, ADR 0015). The passphrase that seals the carried
 * login secret comes from a file or the environment, never from the command
 * line, where other users of the machine could read it in the process list.
 */
export const PASSPHRASE_ENV = "OBHUT_EXPORT_PASSPHRASE";

function passphrase(options: Record<string, unknown>): string {
  if (typeof options.passphraseFile === "string") {
    const text = fs.readFileSync(options.passphraseFile, "utf8").replace(/\r?\n$/, "");
    if (!text) throw new CliError(`${options.passphraseFile} is empty`);
    return text;
  }
  const env = process.env[PASSPHRASE_ENV];
  if (env) return env;
  throw new CliError(
    `An export passphrase is needed (it seals the login secret in the file): use --passphrase-file <file> or set ${PASSPHRASE_ENV}`,
  );
}

/** One line per finished table on stderr; on a terminal, a counter that updates in place while it runs. */
function progressPrinter(verb: string, quiet: boolean): (p: PortabilityProgress) => void {
  if (quiet) return () => undefined;
  const tty = Boolean(process.stderr.isTTY);
  return (p) => {
    const label = p.kind === "table" ? `${p.table}: ${p.rows} rows` : `attachment blobs: ${p.blobs}`;
    if (p.done) process.stderr.write(`${tty ? "\r\x1b[K" : ""}${verb} ${label}\n`);
    else if (tty) process.stderr.write(`\r\x1b[K${verb} ${label}`);
  };
}

type Portability = typeof PortabilityModule;

/** The module's own errors are the operator's to read, without a stack trace. */
function rethrowWith({ ExportError, ImportError, ExportFormatError }: Portability): (err: unknown) => never {
  return (err) => {
    if (err instanceof ExportError || err instanceof ImportError || err instanceof ExportFormatError)
      throw new CliError(err.message);
    throw err;
  };
}

/** What export and import need, loaded only when one of them runs (not for `--help`). */
async function load() {
  const [portability, { loadOrCreateSecrets }, { connect }, { createBlobStore }] = await Promise.all([
    import("../modules/portability"),
    import("../infra/config/secrets"),
    import("../infra/db/connect"),
    import("../infra/blobs"),
  ]);
  return { portability, loadOrCreateSecrets, connect, createBlobStore };
}

export function registerPortabilityCommands(program: Command): void {
  withConfigOptions(
    program
      .command("export")
      .argument("<file>", "Export file to create (JSON lines)")
      .requiredOption("--org <id>", "Organisation to export")
      .option("--passphrase-file <file>", `File holding the export passphrase (or set ${PASSPHRASE_ENV})`)
      .option("--json", "Print a JSON summary instead of progress")
      .description("Write one organisation (accounts, keys, conversations, attachments, audit log) to a portable file"),
    STORAGE_KEYS,
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = configFromOptions(options);
    const secret = passphrase(options);
    if (!fs.existsSync(secretsFile(config.dataDir)))
      throw new CliError(`No secrets.json in ${config.dataDir}; point --data-dir at the instance's data folder`);
    const { portability, loadOrCreateSecrets, connect, createBlobStore } = await load();
    const { secrets } = await loadOrCreateSecrets(config.dataDir);
    const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const summary = await portability
        .exportOrganisation({
          db,
          blobs: createBlobStore({ db, dataDir: config.dataDir }),
          organisationId: String(options.org),
          file: path.resolve(file),
          passphrase: secret,
          secrets,
          now: Date.now(),
          onProgress: progressPrinter("exported", Boolean(options.json)),
        })
        .catch(rethrowWith(portability));
      if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
      else
        process.stdout.write(
          `Organisation ${String(options.org)} exported to ${file} (${Object.values(summary.rows).reduce((a, b) => a + b, 0)} rows, ` +
            `${summary.blobs} attachment blobs, SHA-256 ${summary.sha256}). It holds ciphertext and the sealed login secret: ` +
            `keep the file and its passphrase apart.\n`,
        );
    } finally {
      await db.close();
    }
  });

  withConfigOptions(
    program
      .command("import")
      .argument("<file>", "File written by `obhut export`")
      .option("--passphrase-file <file>", `File holding the export passphrase (or set ${PASSPHRASE_ENV})`)
      .option(
        "--allow-password-reset",
        "Import into an instance that already has accounts; imported users then set a new password with their recovery code",
      )
      .option("--json", "Print a JSON summary instead of progress")
      .description("Restore an organisation export into this instance (safe to rerun after an interruption)"),
    STORAGE_KEYS,
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = configFromOptions(options);
    const secret = passphrase(options);
    const pid = runningServerPid(config.dataDir);
    if (pid) throw new CliError(`Obhut (pid ${pid}) is running on ${config.dataDir}; stop it before importing`);
    const { portability, loadOrCreateSecrets, connect, createBlobStore } = await load();
    const { secrets } = await loadOrCreateSecrets(config.dataDir);
    const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const summary = await portability
        .importOrganisation({
          db,
          blobs: createBlobStore({ db, dataDir: config.dataDir }),
          file: path.resolve(file),
          passphrase: secret,
          dataDir: config.dataDir,
          secrets,
          now: Date.now(),
          allowPasswordReset: Boolean(options.allowPasswordReset),
          onProgress: progressPrinter("imported", Boolean(options.json)),
        })
        .catch(rethrowWith(portability));
      if (options.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
      else {
        const t = Object.values(summary.tables);
        process.stdout.write(
          `Organisation ${summary.organisationId} imported: ${t.reduce((a, b) => a + b.inserted, 0)} rows added, ` +
            `${t.reduce((a, b) => a + b.skipped, 0)} already present; ${summary.blobs.inserted} blobs added, ${summary.blobs.skipped} already present.\n` +
            (summary.sourceAnchorKeyFingerprint
              ? `Audit anchors were checked against the exporting instance's anchor key ${summary.sourceAnchorKeyFingerprint} ` +
                "(compare with `obhut audit verify` there) and signed again with this instance's key.\n"
              : "") +
            (summary.passwordsWork
              ? "Users log in with their passwords. With several nodes, copy secrets.json to every node before starting them.\n"
              : "Imported users cannot use their old password here: they set a new one with their recovery code.\n"),
        );
      }
    } finally {
      await db.close();
    }
  });
}
