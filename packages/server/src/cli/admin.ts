// SPDX-License-Identifier: AGPL-3.0-or-later
import { INVITATION_DEFAULT_HOURS, OrganisationName, StaffRole } from "@obhut/protocol";
import type { Command } from "commander";
import type { Config } from "../infra/config/config";
import type { DbHandle } from "../infra/db/connect";
import type { EventBus } from "../infra/events/bus";
import { CliError } from "./errors";
import { configFromOptions, withConfigOptions } from "./options";

/**
 * `obhut admin`: the operator's scripted tools. They act directly on the
 * database (the operator has shell access to the instance; there is no
 * session), and every action is audited with actor "null" and via "cli".
 */
const HOUR = 3_600_000;

interface Handles {
  config: Config;
  db: DbHandle;
}

async function withDatabase<T>(options: Record<string, unknown>, fn: (h: Handles) => Promise<T>): Promise<T> {
  const config = configFromOptions(options);
  const { connect } = await import("../infra/db/connect");
  const { migrationStatus } = await import("../infra/db/migrate");
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const status = await migrationStatus(db.db);
    if (status.pending.length > 0)
      throw new CliError("The database is not up to date; run `obhut migrate` (or start the server) first");
    return await fn({ config, db });
  } finally {
    await db.close();
  }
}

async function requireOrganisation(db: DbHandle, orgId: unknown): Promise<string> {
  const id = String(orgId);
  const row = await db.db.selectFrom("organisations").select("id").where("id", "=", id).executeTakeFirst();
  if (!row) throw new CliError(`No organisation with id ${JSON.stringify(id)} (see the output of create-org)`);
  return id;
}

function parseRole(value: unknown): StaffRole {
  const parsed = StaffRole.safeParse(value);
  if (!parsed.success) throw new CliError(`--role must be one of ${StaffRole.options.join(", ")}`);
  return parsed.data;
}

function parseHours(value: unknown): number {
  if (value === undefined) return INVITATION_DEFAULT_HOURS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 30 * 24)
    throw new CliError("--expires-hours must be a whole number between 1 and 720");
  return n;
}

function inviteLink(config: Config, token: string): string {
  // The token travels in the fragment: browsers never send it in a request line or Referer.
  return `${config.publicUrl}/invite#token=${token}`;
}

const STORAGE = ["dataDir", "databaseUrl", "publicUrl"] as const;

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command("admin")
    .description("Organisations and staff: create-org, invite, deactivate, list-users");

  withConfigOptions(
    admin
      .command("create-org")
      .description("Create an organisation and print a one-time link for its first administrator"),
    [...STORAGE],
  )
    .requiredOption("--name <name>", "Name of the organisation (Träger)")
    .option("--expires-hours <hours>", `Validity of the link (default ${INVITATION_DEFAULT_HOURS})`)
    .action(async (options: Record<string, unknown>) => {
      const name = OrganisationName.safeParse(options.name);
      if (!name.success) throw new CliError("--name must be 2 to 120 characters");
      const hours = parseHours(options.expiresHours);
      await withDatabase(options, async ({ config, db }) => {
        const { createOrganisation, issueInvitation } = await import("../modules/organisation");
        const ctx = { db, clock: { now: () => Date.now() } };
        const org = await createOrganisation(ctx, { name: name.data });
        const { token, invitation } = await issueInvitation(db.db, Date.now(), {
          orgId: org.id,
          role: "org_admin",
          teamId: null,
          createdBy: null,
          ttlMs: hours * HOUR,
        });
        process.stdout.write(`Organisation ${org.id} created: ${org.name}\n`);
        process.stdout.write(
          `One-time link for its first administrator (valid until ${new Date(invitation.expiresAt).toISOString()}):\n`,
        );
        process.stdout.write(`${inviteLink(config, token)}\n`);
      });
    });

  withConfigOptions(admin.command("invite").description("Print a one-time invitation link for a new staff member"), [
    ...STORAGE,
  ])
    .requiredOption("--org <id>", "Organisation id")
    .requiredOption("--role <role>", `One of ${StaffRole.options.join(", ")}`)
    .option("--team <id>", "Also add the new member to this team")
    .option("--expires-hours <hours>", `Validity of the link (default ${INVITATION_DEFAULT_HOURS})`)
    .action(async (options: Record<string, unknown>) => {
      const role = parseRole(options.role);
      const hours = parseHours(options.expiresHours);
      await withDatabase(options, async ({ config, db }) => {
        const orgId = await requireOrganisation(db, options.org);
        const teamId = typeof options.team === "string" ? options.team : null;
        if (teamId) {
          const team = await db.db
            .selectFrom("teams")
            .select("id")
            .where("id", "=", teamId)
            .where("organisation_id", "=", orgId)
            .executeTakeFirst();
          if (!team) throw new CliError(`No team ${JSON.stringify(teamId)} in this organisation`);
        }
        const { issueInvitation } = await import("../modules/organisation");
        const { token, invitation } = await issueInvitation(db.db, Date.now(), {
          orgId,
          role,
          teamId,
          createdBy: null,
          ttlMs: hours * HOUR,
        });
        process.stdout.write(
          `Invitation ${invitation.id} (${role}) valid until ${new Date(invitation.expiresAt).toISOString()}:\n${inviteLink(config, token)}\n`,
        );
      });
    });

  withConfigOptions(
    admin
      .command("deactivate")
      .description("Deactivate a staff member: no logins, all sessions end, team memberships removed"),
    [...STORAGE, "redisUrl"],
  )
    .requiredOption("--org <id>", "Organisation id")
    .requiredOption("--user <username>", "Login name of the staff member")
    .action(async (options: Record<string, unknown>) => {
      await withDatabase(options, async ({ config, db }) => {
        const orgId = await requireOrganisation(db, options.org);
        const username = String(options.user).toLowerCase();
        const account = await db.db
          .selectFrom("accounts")
          .select(["id", "kind"])
          .where("username", "=", username)
          .where("organisation_id", "=", orgId)
          .executeTakeFirst();
        if (!account || account.kind !== "staff")
          throw new CliError(`No staff member ${JSON.stringify(username)} in this organisation`);
        const { createEventBus } = await import("../infra/events/bus");
        const { createLogger } = await import("../infra/logger");
        const { deactivateAccount } = await import("../modules/organisation");
        let bus: EventBus | undefined;
        try {
          // With Redis, every node closes the member's WebSockets now; the database refuses their requests either way.
          bus = await createEventBus({ redisUrl: config.redisUrl });
          const logger = createLogger("warn", process.stderr);
          const result = await deactivateAccount(
            { db, clock: { now: () => Date.now() }, bus, logger },
            { actor: null, orgId, accountId: account.id },
          );
          process.stdout.write(
            `Deactivated ${username}: ${result.endedSessions} session(s) ended, ${result.teamsLeft} team membership(s) left.\n`,
          );
          if (!config.redisUrl) {
            process.stdout.write(
              "No REDIS_URL: a running server learns of the ended sessions on the member's next request; restart it to drop open WebSockets at once.\n",
            );
          }
          process.stdout.write(
            "Next, an administrator removes the member from the organisation log and rotates the team keys in the admin console.\n",
          );
        } finally {
          await bus?.close();
        }
      });
    });

  withConfigOptions(admin.command("list-users").description("List the staff accounts of an organisation"), [...STORAGE])
    .requiredOption("--org <id>", "Organisation id")
    .option("--json", "Print JSON")
    .action(async (options: Record<string, unknown>) => {
      await withDatabase(options, async ({ db }) => {
        const orgId = await requireOrganisation(db, options.org);
        const { loadStaffAccounts } = await import("../modules/organisation");
        const accounts = await loadStaffAccounts(db.db, orgId);
        if (options.json) {
          process.stdout.write(JSON.stringify({ organisationId: orgId, accounts }, null, 2) + "\n");
          return;
        }
        for (const a of accounts) {
          const state = a.disabledAt === null ? "active" : "deactivated";
          const factor = a.secondFactor.totp || a.secondFactor.passkeys > 0 ? "2fa" : "no-2fa";
          process.stdout.write(
            `${a.username.padEnd(24)} ${a.role.padEnd(14)} ${state.padEnd(12)} ${factor.padEnd(7)} teams: ${a.teams.length}\n`,
          );
        }
        process.stdout.write(`${accounts.length} account(s)\n`);
      });
    });
}
