// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../src/core/ids";
import { seedAccount } from "../helpers/factories";
import { DIALECTS, createTestDb, tempDir, type TestDb } from "../helpers/databases";
import { runCli } from "../helpers/process";

/** `obhut admin …` as an operator runs it: a real child process against a migrated database. */
describe.each(DIALECTS)("obhut admin (%s)", (dialect) => {
  let db: TestDb;
  let args: string[];
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    args = [
      "--data-dir",
      db.dataDir,
      "--public-url",
      "https://beratung.example",
      ...(db.databaseUrl ? ["--database-url", db.databaseUrl] : []),
    ];
  });
  afterAll(async () => db?.destroy());

  it("create-org creates an empty organisation and prints a one-time link for its first admin", async () => {
    const res = await runCli(["admin", "create-org", "--name", "Träger Süd e.V.", ...args]);
    expect(res.code, res.stderr).toBe(0);
    const id = /Organisation ([A-Za-z0-9_-]+) created: Träger Süd e\.V\./.exec(res.stdout)?.[1];
    expect(id).toBeDefined();
    orgId = id!;
    const token = /https:\/\/beratung\.example\/invite#token=([A-Za-z0-9_-]+)/.exec(res.stdout)?.[1];
    expect(token).toBeDefined();
    const org = await db.db.selectFrom("organisations").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: "Träger Süd e.V.", root_public_key: null });
    const inv = await db.db
      .selectFrom("invitations")
      .selectAll()
      .where("organisation_id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(inv).toMatchObject({ role: "org_admin", token_hash: sha256(token!), created_by: null, used_at: null });
    const audit = await db.db
      .selectFrom("audit_events")
      .select("action")
      .where("organisation_id", "=", orgId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["organisation.created", "invitation.created"]);
  });

  it("invite prints a link with the role and team; bad roles and unknown ids fail with a clear message", async () => {
    const teamId = "team-cli-0001";
    await db.db
      .insertInto("teams")
      .values({
        id: teamId,
        organisation_id: orgId,
        agency_id: null,
        name: "Team",
        is_intake: 0,
        created_at: Date.now(),
      })
      .execute();
    const ok = await runCli(["admin", "invite", "--org", orgId, "--role", "counsellor", "--team", teamId, ...args]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /Invitation [A-Za-z0-9_-]+ \(counsellor\) valid until .*\nhttps:\/\/beratung\.example\/invite#token=[A-Za-z0-9_-]{40,}\n/,
    );
    expect(
      await db.db.selectFrom("invitations").select("team_id").where("team_id", "=", teamId).execute(),
    ).toHaveLength(1);

    const badRole = await runCli(["admin", "invite", "--org", orgId, "--role", "operator", ...args]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of counsellor, org_admin, dpo, report_office/);
    const badOrg = await runCli(["admin", "invite", "--org", "org-nope-0000", "--role", "dpo", ...args]);
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toMatch(/No organisation with id "org-nope-0000"/);
    const badTeam = await runCli(["admin", "invite", "--org", orgId, "--role", "dpo", "--team", "team-nope", ...args]);
    expect(badTeam.code).toBe(2);
    const missing = await runCli(["admin", "invite", "--org", orgId, ...args]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--role/);
  });

  it("list-users and deactivate: JSON output, sessions and team memberships end, unknown users fail", async () => {
    const team = await db.db
      .selectFrom("teams")
      .select("id")
      .where("organisation_id", "=", orgId)
      .executeTakeFirstOrThrow();
    const member = await seedAccount(db.db, { orgId, role: "counsellor", team: { id: team.id, role: "member" } });
    await seedAccount(db.db, { orgId, role: "org_admin" });
    const listed = await runCli(["admin", "list-users", "--org", orgId, "--json", ...args]);
    expect(listed.code, listed.stderr).toBe(0);
    const json = JSON.parse(listed.stdout) as {
      organisationId: string;
      accounts: { username: string; role: string; disabledAt: number | null; teams: unknown[] }[];
    };
    expect(json.organisationId).toBe(orgId);
    expect(json.accounts).toHaveLength(2);
    expect(json.accounts.find((a) => a.username === member.username)).toMatchObject({
      role: "counsellor",
      disabledAt: null,
      teams: [{ teamId: team.id, role: "member" }],
    });

    const done = await runCli([
      "admin",
      "deactivate",
      "--org",
      orgId,
      "--user",
      member.username.toUpperCase(),
      ...args,
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/1 session\(s\) ended, 1 team membership\(s\) left/);
    const row = await db.db
      .selectFrom("accounts")
      .select("disabled_at")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).not.toBeNull();
    const session = await db.db
      .selectFrom("sessions")
      .select("revoked_at")
      .where("id", "=", member.sessionId)
      .executeTakeFirstOrThrow();
    expect(session.revoked_at).not.toBeNull();
    expect(await db.db.selectFrom("team_members").selectAll().where("account_id", "=", member.id).execute()).toEqual(
      [],
    );

    const text = await runCli(["admin", "list-users", "--org", orgId, ...args]);
    expect(text.stdout).toMatch(new RegExp(`${member.username}\\s+counsellor\\s+deactivated`));
    expect(text.stdout).toMatch(/2 account\(s\)/);

    const unknown = await runCli(["admin", "deactivate", "--org", orgId, "--user", "nobody-here", ...args]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No staff member "nobody-here" in this organisation/);
  });

  it("refuses a database that has not been migrated and explains --help", async () => {
    const fresh = await runCli(["admin", "list-users", "--org", "org-x0000000", "--data-dir", tempDir()]);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toMatch(/run `obhut migrate`/);
    for (const cmd of ["create-org", "invite", "deactivate", "list-users"]) {
      const help = await runCli(["admin", cmd, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: obhut admin ${cmd}`));
    }
  });
});
