// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CONFIG_VARS, type ConfigKey } from "../infra/config/config";
import { CliError } from "./errors";
import { configFromOptions, withConfigOptions } from "./options";

export function pidFile(dataDir: string): string {
  return path.join(dataDir, "obhut.pid");
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PID of a server currently using this data folder, if any. */
export function runningServerPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile(dataDir), "utf8"), 10);
    return Number.isFinite(pid) && pid !== process.pid && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function registerServeCommand(program: Command): void {
  withConfigOptions(
    program.command("serve").description("Start the Obhut server"),
    Object.keys(CONFIG_VARS) as ConfigKey[],
  )
    .option("--demo", "Create a demo organisation with printed logins (only on an empty instance)")
    .option("--dev", "Development mode: SSO may use http:// and local identity providers (never in production)")
    .action(async (options: Record<string, unknown>) => {
      // Development turns on what a local identity provider needs unless the setting is given explicitly.
      const devDefaults =
        options.dev && !process.env.OBHUT_SSO_ALLOW_INSECURE_ISSUERS ? { ssoAllowInsecureIssuers: "true" } : {};
      const config = configFromOptions({ ...devDefaults, ...options });
      fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      if (!config.databaseUrl) {
        // Two processes writing one SQLite folder would be a support nightmare; refuse clearly.
        const other = runningServerPid(config.dataDir);
        if (other) throw new CliError(`Another Obhut (pid ${other}) is already using ${config.dataDir}`);
        fs.writeFileSync(pidFile(config.dataDir), String(process.pid), { mode: 0o600 });
      }
      // Signal handlers go in before anything starts, so a SIGTERM during
      // start-up still ends in an orderly shutdown instead of a hard kill.
      let stopRequested: (() => void) | undefined;
      const stopSignal = new Promise<void>((resolve) => (stopRequested = resolve));
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals += 1;
        if (signals > 1) {
          process.stderr.write(`Received ${signal} again; exiting immediately.\n`);
          process.exit(1);
        }
        stopRequested?.();
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      // Loaded on demand so `obhut --help` and friends start fast.
      const { startServer } = await import("../app/server");
      const { seedDemo } = await import("../modules/organisation");
      const { runChecks } = await import("./doctor");
      const server = await startServer({
        config,
        // The same checks as `obhut doctor`, daily; a failed one is the admins' notice (ADR 0044).
        doctorFailures: async () => (await runChecks(config)).filter((c) => c.status === "fail").length,
        ...(options.demo
          ? { beforeListen: async (ctx) => seedDemo(ctx, (line) => process.stdout.write(`${line}\n`)) }
          : {}),
      });
      await stopSignal;
      await server.close().catch((err: Error) => {
        process.stderr.write(`Shutdown problem: ${err.message}\n`);
        process.exitCode = 1;
      });
      if (!config.databaseUrl) fs.rmSync(pidFile(config.dataDir), { force: true });
    });
}
