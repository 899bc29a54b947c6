// SPDX-License-Identifier: AGPL-3.0-or-later
import { Command, CommanderError } from "commander";
import { ConfigError } from "../infra/config/config";
import { VERSION } from "../core/version";
import { registerAdminCommands } from "./admin";
import { registerAuditCommands } from "./audit";
import { registerBackupCommands } from "./backup";
import { registerDoctorCommand } from "./doctor";
import { CliError } from "./errors";
import { registerMigrateCommand } from "./migrate";
import { registerPortabilityCommands } from "./portability";
import { registerRetentionCommands } from "./retention";
import { registerServeCommand } from "./serve";

export function buildCli(): Command {
  const program = new Command("obhut")
    .description("Obhut: confidential, end-to-end encrypted communication for social work")
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDoctorCommand(program);
  registerBackupCommands(program);
  registerAuditCommands(program);
  registerRetentionCommands(program);
  registerPortabilityCommands(program);
  registerAdminCommands(program);
  program
    .command("version")
    .description("Print the version")
    .action(() => {
      process.stdout.write(`obhut ${VERSION} (node ${process.versions.node})\n`);
    });
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

/** Runs the CLI and returns the process exit code; errors are printed plainly, never as stack traces. */
export async function main(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode;
    }
    if (err instanceof ConfigError || err instanceof CliError) {
      process.stderr.write(`obhut: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`obhut: ${(err as Error).message}\n`);
    return 1;
  }
}
