// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CONFIG_VARS, type Config, type ConfigKey } from "../infra/config/config";
import type { Secrets } from "../infra/config/secrets";
import { secretsFile } from "../infra/data-dir";
import { configFromOptions, withConfigOptions } from "./options";

export interface Check {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
  fix?: string;
}

const REQUIRED_HEADERS = [
  "content-security-policy",
  "referrer-policy",
  "x-content-type-options",
  "permissions-policy",
  "cross-origin-opener-policy",
];

/** Every check answers what is wrong and how to fix it; none throws. */
export async function runChecks(config: Config, options: { url?: string } = {}): Promise<Check[]> {
  const [{ secretsFingerprint }, { connect }, { migrationStatus }, { createEventBus }] = await Promise.all([
    import("../infra/config/secrets"),
    import("../infra/db/connect"),
    import("../infra/db/migrate"),
    import("../infra/events/bus"),
  ]);
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  add(
    major > 20 || (major === 20 && minor >= 19)
      ? { name: "node", status: "ok", detail: `Node.js ${process.versions.node}` }
      : {
          name: "node",
          status: "fail",
          detail: `Node.js ${process.versions.node} is too old`,
          fix: "Install Node.js 20.19 or newer (an LTS release)",
        },
  );

  let secrets: Secrets | undefined;
  const sf = secretsFile(config.dataDir);
  if (!fs.existsSync(config.dataDir)) {
    add({
      name: "data folder",
      status: "fail",
      detail: `${config.dataDir} does not exist`,
      fix: "Start the server once (obhut serve) or set OBHUT_DATA_DIR",
    });
  } else {
    try {
      fs.accessSync(config.dataDir, fs.constants.W_OK);
      add({ name: "data folder", status: "ok", detail: config.dataDir });
    } catch {
      add({
        name: "data folder",
        status: "fail",
        detail: `${config.dataDir} is not writable`,
        fix: "Give the service user write access to the data folder",
      });
    }
  }
  if (fs.existsSync(sf)) {
    const mode = fs.statSync(sf).mode & 0o777;
    try {
      secrets = JSON.parse(fs.readFileSync(sf, "utf8")) as Secrets;
      add(
        mode & 0o077
          ? {
              name: "secrets",
              status: "fail",
              detail: `${sf} is readable by others (mode ${mode.toString(8)})`,
              fix: `chmod 600 ${sf}`,
            }
          : { name: "secrets", status: "ok", detail: `${sf} (mode 600)` },
      );
    } catch {
      add({
        name: "secrets",
        status: "fail",
        detail: `${sf} cannot be read`,
        fix: "Restore it from a backup; without it no one can log in",
      });
    }
  } else {
    add({
      name: "secrets",
      status: "fail",
      detail: `${sf} is missing`,
      fix: "Start the server once to generate it (scale-out: copy it from the first node)",
    });
  }

  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await db.ping();
    add({
      name: "database",
      status: "ok",
      detail: db.dialect === "postgres" ? "PostgreSQL reachable" : "SQLite (WAL, synchronous=FULL)",
    });
    const status = await migrationStatus(db.db);
    add(
      status.pending.length === 0
        ? { name: "migrations", status: "ok", detail: `${status.applied.length} applied, none pending` }
        : {
            name: "migrations",
            status: "fail",
            detail: `pending: ${status.pending.join(", ")}`,
            fix: "Run `obhut migrate` (or start the server)",
          },
    );
    if (secrets && status.applied.length > 0) {
      const row = await db.db
        .selectFrom("instance_settings")
        .select("value")
        .where("key", "=", "secrets_fingerprint")
        .executeTakeFirst();
      if (row && row.value !== secretsFingerprint(secrets)) {
        add({
          name: "secrets match database",
          status: "fail",
          detail: "secrets.json belongs to another instance",
          fix: "Use the secrets.json of the node that created this database",
        });
      } else if (row) add({ name: "secrets match database", status: "ok", detail: "fingerprint matches" });
    }
  } catch (err) {
    add({
      name: "database",
      status: "fail",
      detail: `not reachable: ${(err as Error).message}`,
      fix: config.databaseUrl ? "Check DATABASE_URL and that PostgreSQL is running" : "Check the data folder",
    });
  } finally {
    await db.close().catch(() => undefined);
  }

  if (config.redisUrl) {
    try {
      const bus = await createEventBus({ redisUrl: config.redisUrl, connectTimeoutMs: 3000 });
      await bus.ping();
      await bus.close();
      add({ name: "redis", status: "ok", detail: "Redis reachable" });
    } catch (err) {
      add({
        name: "redis",
        status: "fail",
        detail: (err as Error).message,
        fix: "Check REDIS_URL and that Redis is running",
      });
    }
  } else if (config.databaseUrl) {
    add({
      name: "redis",
      status: "warn",
      detail: "PostgreSQL without Redis: events only reach clients on the same node",
      fix: "Set REDIS_URL when running more than one node",
    });
  }

  add(await checkSmtp(config));

  const pub = new URL(config.publicUrl);
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(pub.hostname);
  if (pub.protocol !== "https:" && !local) {
    add({
      name: "public URL",
      status: "fail",
      detail: `${config.publicUrl} is not https`,
      fix: "Put Obhut behind a TLS reverse proxy and set PUBLIC_URL=https://… (docs/OPERATIONS.md)",
    });
  } else if (!config.publicUrlExplicit) {
    add({
      name: "public URL",
      status: "warn",
      detail: `PUBLIC_URL not set; assuming ${config.publicUrl}`,
      fix: "Set PUBLIC_URL to the https address users open",
    });
  } else add({ name: "public URL", status: "ok", detail: config.publicUrl });

  const index = path.join(config.webDir, "index.html");
  add(
    fs.existsSync(index)
      ? { name: "web app", status: "ok", detail: `built (${config.webDir})` }
      : { name: "web app", status: "fail", detail: "not built", fix: "Run `npm run build`" },
  );

  const target = options.url ?? `http://127.0.0.1:${config.port}`;
  try {
    const res = await fetch(`${target}/healthz`, { signal: AbortSignal.timeout(3000) });
    const missing = REQUIRED_HEADERS.filter((h) => !res.headers.get(h));
    const csp = res.headers.get("content-security-policy") ?? "";
    if (!csp.includes("frame-ancestors 'none'")) missing.push("frame-ancestors 'none'");
    if (pub.protocol === "https:" && options.url?.startsWith("https:") && !res.headers.get("strict-transport-security"))
      missing.push("strict-transport-security");
    add(
      res.status === 200 && missing.length === 0
        ? { name: "running server", status: "ok", detail: `${target}/healthz answers 200 with security headers` }
        : {
            name: "running server",
            status: "fail",
            detail: `${target}/healthz: status ${res.status}${missing.length ? `, missing ${missing.join(", ")}` : ""}`,
            fix: "Make sure your reverse proxy passes Obhut's headers through unchanged",
          },
    );
  } catch {
    add({
      name: "running server",
      status: "warn",
      detail: `no server answering at ${target}`,
      fix: "Start it with `obhut serve`, or pass --url",
    });
  }
  return checks;
}

/** E-mail notices: off is fine; configured means reachable with TLS and a valid login. */
async function checkSmtp(config: Config): Promise<Check> {
  const smtp = config.smtp;
  if (!smtp) return { name: "smtp", status: "ok", detail: "not configured: no e-mail notices are sent" };
  const where = `${smtp.host}:${smtp.port} (${smtp.security})`;
  const { createMailer } = await import("../infra/mail/mailer");
  let mailer;
  try {
    mailer = createMailer(smtp);
    await mailer.verify();
  } catch (err) {
    return {
      name: "smtp",
      status: "fail",
      detail: `${where}: ${(err as Error).message}`,
      fix: "Check OBHUT_SMTP_HOST/PORT/SECURITY, the login, and that the server's certificate is valid (OBHUT_SMTP_CA_FILE for a private CA)",
    };
  } finally {
    mailer?.close();
  }
  const local = ["localhost", "127.0.0.1", "::1"].includes(smtp.host);
  if (smtp.security === "plaintext" && !local)
    return {
      name: "smtp",
      status: "warn",
      detail: `${where}: addresses and notices travel unencrypted to a relay on another host`,
      fix: "Use OBHUT_SMTP_SECURITY=starttls or tls unless the relay is on a network you fully trust",
    };
  return { name: "smtp", status: "ok", detail: `${where} reachable, login accepted` };
}

export function registerDoctorCommand(program: Command): void {
  withConfigOptions(
    program
      .command("doctor")
      .description("Check configuration, database, Redis, SMTP, secrets, public URL and headers"),
    Object.keys(CONFIG_VARS) as ConfigKey[],
  )
    .option("--url <url>", "Address of the running server to check (default http://127.0.0.1:<port>)")
    .option("--json", "Print the checks as JSON")
    .action(async (options: Record<string, unknown>) => {
      const config = configFromOptions(options);
      const checks = await runChecks(config, typeof options.url === "string" ? { url: options.url } : {});
      if (options.json)
        process.stdout.write(
          JSON.stringify({ healthy: !checks.some((c) => c.status === "fail"), checks }, null, 2) + "\n",
        );
      else {
        for (const c of checks) {
          const mark = c.status === "ok" ? "ok  " : c.status === "warn" ? "warn" : "FAIL";
          process.stdout.write(`[${mark}] ${c.name}: ${c.detail}\n`);
          if (c.fix && c.status !== "ok") process.stdout.write(`       fix: ${c.fix}\n`);
        }
        const failed = checks.filter((c) => c.status === "fail").length;
        process.stdout.write(failed ? `\n${failed} problem(s) found.\n` : "\nObhut looks healthy.\n");
      }
      if (checks.some((c) => c.status === "fail")) process.exitCode = 1;
    });
}
