// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddTeamMember,
  type BodyOf,
  CreateAgency,
  CreateTeam,
  CreateTopic,
  CurrentSession,
  EnrolTotp,
  GetMfaStatus,
  ListAgencies,
  RemoveTeamMember,
  ResetSecondFactor,
  UpdateAgency,
  UploadKeyWraps,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedAgency, seedCaseRow } from "../cases/support";
import { type SeededOrg, loginClient, registerStaff, seedOrg } from "./support";

/**
 * The admin console's structure routes on both dialects: agencies and
 * topics, teams, team membership (with the case conversations following),
 * the second-factor reset and the custodian rule for team key wraps.
 */
describe.each(DIALECTS)("organisation structure (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let admin: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    org = await seedOrg(server.ctx.db.db);
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin" });
  });
  afterAll(async () => server?.stop());

  const audits = async (action: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "target_id", "data"])
      .where("organisation_id", "=", org.orgId)
      .where("action", "=", action)
      .execute();

  it("creates and edits agencies with topics; empty texts are stored as none; audited", async () => {
    const adminApi = apiAs(server, admin);
    const topic = await adminApi.call(CreateTopic, {
      params: { orgId: org.orgId },
      body: { slug: "sucht", name: "Suchtberatung", addressForm: "formal" },
    });
    expect(topic.status).toBe(201);
    const topicId = (topic.body as { topic: { id: string } }).topic.id;
    expect(
      (
        await adminApi.call(CreateTopic, {
          params: { orgId: org.orgId },
          body: { slug: "sucht", name: "Doppelt", addressForm: "formal" },
        })
      ).status,
    ).toBe(409);

    const body = {
      name: "  Beratungsstelle Nord ",
      address: "Hafenstraße 3, 20457 Hamburg",
      postcodes: ["20", "22", "20"],
      topicIds: [topicId],
      languages: ["de", "tr"],
      openingHours: "",
      onlineAnywhere: false,
      greeting: "Willkommen! Wir antworten werktags innerhalb eines Tages.",
    };
    const created = await adminApi.call(CreateAgency, { params: { orgId: org.orgId }, body });
    expect(created.status).toBe(201);
    const agency = (created.body as { agency: { id: string } }).agency;
    expect(agency).toMatchObject({
      name: "Beratungsstelle Nord",
      postcodes: ["20", "22"],
      topicIds: [topicId],
      languages: ["de", "tr"],
      openingHours: null,
      onlineAnywhere: false,
    });

    const updated = await adminApi.call(UpdateAgency, {
      params: { orgId: org.orgId, agencyId: agency.id },
      body: {
        ...body,
        topicIds: [],
        onlineAnywhere: true,
        greeting: null,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ agency: { topicIds: [], onlineAnywhere: true, greeting: null } });

    const list = await adminApi.call(ListAgencies, { params: { orgId: org.orgId } });
    expect(list.status).toBe(200);
    expect((list.body as { agencies: { id: string }[] }).agencies.map((a) => a.id)).toContain(agency.id);
    expect((list.body as { topics: { slug: string }[] }).topics.map((t) => t.slug)).toContain("sucht");

    // Invalid input is refused by the schema: bad postcode, language, unknown topic.
    expect(
      (await adminApi.call(CreateAgency, { params: { orgId: org.orgId }, body: { ...body, postcodes: ["2x"] } }))
        .status,
    ).toBe(400);
    expect(
      (await adminApi.call(CreateAgency, { params: { orgId: org.orgId }, body: { ...body, languages: ["Deutsch"] } }))
        .status,
    ).toBe(400);
    expect(
      (
        await adminApi.call(CreateAgency, {
          params: { orgId: org.orgId },
          body: { ...body, topicIds: ["topic-unknown-1"] },
        })
      ).status,
    ).toBe(404);

    expect(await audits("agency.created")).toHaveLength(1);
    expect(await audits("agency.updated")).toEqual([
      expect.objectContaining({ actor_id: admin.id, target_id: agency.id }),
    ]);
  });

  it("creates teams; an intake team needs an agency", async () => {
    const adminApi = apiAs(server, admin);
    expect(
      (
        await adminApi.call(CreateTeam, {
          params: { orgId: org.orgId },
          body: { name: "Intake", agencyId: null, isIntake: true },
        })
      ).status,
    ).toBe(400);
    const created = await adminApi.call(CreateTeam, {
      params: { orgId: org.orgId },
      body: { name: "Team Süd", agencyId: null, isIntake: false },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ team: { name: "Team Süd", agencyId: null, isIntake: false } });
    expect(await audits("team.created")).toHaveLength(1);
  });

  it("adds and removes team members; case conversations follow the team; audited", async () => {
    const db = server.ctx.db.db;
    const adminApi = apiAs(server, admin);
    const member = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
    });
    const joiner = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const { agencyId, topicId } = await seedAgency(db, { orgId: org.orgId, teamId: org.teamId });
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const c = await seedCaseRow(db, {
      orgId: org.orgId,
      teamId: org.teamId,
      agencyId,
      topicId,
      client,
      staffIds: [member.id],
      assigneeId: null,
    });
    const conversationMember = (accountId: string) =>
      db
        .selectFrom("cases")
        .innerJoin("conversation_members as m", "m.conversation_id", "cases.conversation_id")
        .select("m.left_at")
        .where("cases.id", "=", c.caseId)
        .where("m.account_id", "=", accountId)
        .executeTakeFirst();

    const add = await adminApi.call(AddTeamMember, {
      params: { orgId: org.orgId, teamId: org.teamId },
      body: { accountId: joiner.id, role: "member" },
    });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ accountId: joiner.id, role: "member", added: true });
    expect(await conversationMember(joiner.id)).toEqual({ left_at: null });
    // Again with another role: a role change, not a second row.
    const promote = await adminApi.call(AddTeamMember, {
      params: { orgId: org.orgId, teamId: org.teamId },
      body: { accountId: joiner.id, role: "lead" },
    });
    expect(promote.body).toEqual({ accountId: joiner.id, role: "lead", added: false });

    expect(
      (
        await adminApi.call(RemoveTeamMember, {
          params: { orgId: org.orgId, teamId: org.teamId, accountId: joiner.id },
        })
      ).status,
    ).toBe(204);
    expect((await conversationMember(joiner.id))?.left_at).toEqual(expect.any(Number));
    expect(
      (
        await adminApi.call(RemoveTeamMember, {
          params: { orgId: org.orgId, teamId: org.teamId, accountId: joiner.id },
        })
      ).status,
    ).toBe(404);

    // A deactivated account cannot join.
    await db.updateTable("accounts").set({ disabled_at: Date.now() }).where("id", "=", joiner.id).execute();
    expect(
      (
        await adminApi.call(AddTeamMember, {
          params: { orgId: org.orgId, teamId: org.teamId },
          body: { accountId: joiner.id, role: "member" },
        })
      ).status,
    ).toBe(409);
    // A team lead cannot change membership: the org-log entries need an administrator's signature.
    const lead = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "lead" },
    });
    expect(
      (
        await apiAs(server, lead).call(AddTeamMember, {
          params: { orgId: org.orgId, teamId: org.teamId },
          body: {
            accountId: member.id,
            role: "lead",
          },
        })
      ).status,
    ).toBe(403);

    expect((await audits("team.member_added")).map((a) => a.target_id)).toContain(joiner.id);
    expect((await audits("team.member_role_changed")).map((a) => a.target_id)).toContain(joiner.id);
    expect((await audits("team.member_removed")).map((a) => a.target_id)).toContain(joiner.id);
  });

  it("resets a second factor: factors gone, sessions end, the next login must enrol again; never oneself", async () => {
    const db = server.ctx.db.db;
    const adminApi = apiAs(server, admin);
    const staff = await registerStaff(server, { orgId: org.orgId, role: "counsellor" });
    const open = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    await db
      .insertInto("mfa_totp")
      .values({ account_id: staff.id, secret_enc: "x", confirmed_at: Date.now(), last_time_step: null, created_at: 0 })
      .execute();
    // An open session of the target, to see it end.
    await db.updateTable("sessions").set({ account_id: staff.id }).where("id", "=", open.sessionId).execute();

    const reset = await adminApi.call(ResetSecondFactor, { params: { orgId: org.orgId, accountId: staff.id } });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ removed: { totp: true, passkeys: 0 }, endedSessions: 1 });
    expect(await db.selectFrom("mfa_totp").select("account_id").where("account_id", "=", staff.id).execute()).toEqual(
      [],
    );
    expect((await apiAs(server, open).call(CurrentSession)).status).toBe(401);

    // Staff need a second factor by default: the next login is pending and may enrol a new factor.
    const again = await loginClient(server, staff.username, staff.password);
    const status = await again.api.call(GetMfaStatus);
    expect(status.body).toMatchObject({ pending: true, totp: false, passkeys: 0 });
    expect((await again.api.call(EnrolTotp)).status).toBe(200);

    expect((await adminApi.call(ResetSecondFactor, { params: { orgId: org.orgId, accountId: admin.id } })).status).toBe(
      403,
    );
    expect(await audits("account.second_factor_reset")).toEqual([
      expect.objectContaining({ actor_id: admin.id, target_id: staff.id }),
    ]);
  });

  it("accepts team key wraps to administrators (custodians) but not to other non-members", async () => {
    const db = server.ctx.db.db;
    const adminApi = apiAs(server, admin);
    const outsider = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const wrap = (recipientAccountId: string): BodyOf<typeof UploadKeyWraps> => ({
      wraps: [{ kind: "team", refId: org.teamId, generation: 7, recipientAccountId, blob: "A".repeat(111) }],
    });
    expect((await adminApi.call(UploadKeyWraps, { params: { orgId: org.orgId }, body: wrap(admin.id) })).status).toBe(
      201,
    );
    expect(
      (await adminApi.call(UploadKeyWraps, { params: { orgId: org.orgId }, body: wrap(outsider.id) })).status,
    ).toBe(403);
  });
});
