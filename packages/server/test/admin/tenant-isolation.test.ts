// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvitation } from "../../src/modules/organisation/invitations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type CounsellingFixture, fakeEpoch, openCaseBody, seedCounselling } from "../cases/support";
import { seedCase, seedDocument } from "../compliance/support";
import { type SeededOrg, seedOrg, sendAs } from "./support";

/**
 * An administrator of organisation A tries every organisation-scoped
 * endpoint of this API on organisation B's resources — B's ids in the path,
 * and B's ids under A's path — and must get 403 or 404 every time, with
 * nothing changed in B afterwards.
 */
describe.each(DIALECTS)("tenant isolation of the admin APIs (%s)", (dialect) => {
  let server: TestServer;
  let a: SeededOrg;
  let b: SeededOrg;
  let adminA: SeededAccount;
  let staffB: SeededAccount;
  let invitationB: string;
  let draftB: { id: string; sha256: string };
  let approvedB: { id: string; sha256: string };
  let publishedB: { id: string; sha256: string };
  let caseB: { caseId: string; client: SeededAccount };
  let consentB: string;
  let agencyB: string;
  let topicB: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    a = await seedOrg(db);
    b = await seedOrg(db);
    adminA = await seedAccount(db, { orgId: a.orgId, role: "org_admin", team: { id: a.teamId, role: "lead" } });
    await seedAccount(db, { orgId: b.orgId, role: "org_admin" });
    staffB = await seedAccount(db, { orgId: b.orgId, role: "counsellor", team: { id: b.teamId, role: "member" } });
    invitationB = (
      await issueInvitation(db, Date.now(), {
        orgId: b.orgId,
        role: "counsellor",
        teamId: null,
        createdBy: null,
        ttlMs: 3_600_000,
      })
    ).invitation.id;
    draftB = await seedDocument(db, { orgId: b.orgId, state: "draft" });
    approvedB = await seedDocument(db, { orgId: b.orgId, kind: "privacy_notice", state: "approved" });
    publishedB = await seedDocument(db, { orgId: b.orgId, state: "published" });
    caseB = await seedCase(db, { orgId: b.orgId, teamId: b.teamId });
    agencyB = rid("agency");
    topicB = rid("topic");
    await db
      .insertInto("agencies")
      .values({
        id: agencyB,
        organisation_id: b.orgId,
        name: "Stelle B",
        address: null,
        postcodes: '["20"]',
        languages: '["de"]',
        opening_hours: null,
        online_anywhere: 0,
        created_at: Date.now(),
      })
      .execute();
    await db
      .insertInto("topics")
      .values({
        id: topicB,
        organisation_id: b.orgId,
        slug: "b-thema",
        name: "Thema B",
        address_form: "formal",
        created_at: Date.now(),
      })
      .execute();
    consentB = rid("cons");
    await db
      .insertInto("consent_records")
      .values({
        id: consentB,
        organisation_id: b.orgId,
        kind: "grant",
        withdraws_id: null,
        subject_type: "case",
        subject_id: caseB.caseId,
        client_id: caseB.client.id,
        given_by: "subject",
        capacity: "adult",
        purpose: "referral",
        recipients: '["Jugendamt"]',
        channels: '["email"]',
        text_sha256: "0".repeat(64),
        language: "de",
        method: "written",
        staff_present_id: null,
        recorded_by: staffB.id,
        given_at: Date.now(),
        expires_at: null,
        recorded_at: Date.now(),
      })
      .execute();
  });
  afterAll(async () => server?.stop());

  const consentBody = (organisationId: string) => ({
    organisationId,
    subject: { type: "case", caseId: caseB.caseId },
    givenBy: "subject",
    capacity: "adult",
    purpose: "referral",
    recipients: ["Jugendamt"],
    channels: ["email"],
    textSha256: "1".repeat(64),
    language: "de",
    method: "written",
  });
  const forwardBody = (organisationId: string) => ({
    organisationId,
    caseId: caseB.caseId,
    purpose: "referral",
    recipient: "Jugendamt",
    channel: "email",
    legalBasis: "gdpr_6_1_c_legal_obligation",
    reason: "Gerichtliche Anordnung",
  });

  const agencyBody = (topicIds: string[]) => ({
    name: "Übernommen",
    address: null,
    postcodes: [],
    topicIds,
    languages: [],
    openingHours: null,
    onlineAnywhere: false,
    greeting: null,
  });

  const cases = (): [string, string, unknown?][] => {
    const B = `/api/organisations/${b.orgId}`;
    const A = `/api/organisations/${a.orgId}`;
    const policy = { roles: [{ role: "counsellor", idleMinutes: 5, absoluteMinutes: 60, mfaRequired: false }] };
    return [
      ["GET", B],
      ["GET", `${B}/policy`],
      ["PUT", `${B}/policy`, policy],
      ["GET", `${B}/messaging-policy`],
      ["PUT", `${B}/messaging-policy`, { policy: DEFAULT_MESSAGING_POLICY }],
      ["GET", `${B}/attachment-policy`],
      ["PUT", `${B}/attachment-policy`, { maxBytes: 1024 * 1024, allowedTypes: ["image/*"] }],
      ["POST", `${B}/invitations`, { role: "org_admin" }],
      ["GET", `${B}/invitations`],
      ["DELETE", `${B}/invitations/${invitationB}`],
      ["GET", `${B}/accounts`],
      ["POST", `${B}/accounts/${staffB.id}/deactivate`],
      ["POST", `${B}/accounts/${staffB.id}/revoke-sessions`],
      ["GET", `${B}/teams/${b.teamId}/members`],
      ["GET", `${B}/teams`],
      // B's ids under A's own path: the service must check the resource's organisation, not only the path.
      ["POST", `${A}/invitations`, { role: "counsellor", teamId: b.teamId }],
      ["DELETE", `${A}/invitations/${invitationB}`],
      ["POST", `${A}/accounts/${staffB.id}/deactivate`],
      ["POST", `${A}/accounts/${staffB.id}/revoke-sessions`],
      ["GET", `${A}/teams/${b.teamId}/members`],
      ["DELETE", `/api/sessions/${staffB.sessionId}`],
      // Admin console structure: agencies, topics, teams, membership, second-factor reset.
      ["GET", `${B}/agencies`],
      ["POST", `${B}/agencies`, agencyBody([])],
      ["PUT", `${B}/agencies/${agencyB}`, agencyBody([])],
      ["POST", `${B}/topics`, { slug: "neu", name: "Neu", addressForm: "formal" }],
      ["POST", `${B}/teams`, { name: "Neu", agencyId: null, isIntake: false }],
      ["POST", `${B}/teams/${b.teamId}/members`, { accountId: staffB.id, role: "lead" }],
      ["DELETE", `${B}/teams/${b.teamId}/members/${staffB.id}`],
      ["POST", `${B}/accounts/${staffB.id}/reset-second-factor`],
      ["PUT", `${A}/agencies/${agencyB}`, agencyBody([])],
      ["POST", `${A}/agencies`, agencyBody([topicB])],
      ["POST", `${A}/teams`, { name: "Neu", agencyId: agencyB, isIntake: true }],
      ["POST", `${A}/teams/${b.teamId}/members`, { accountId: adminA.id, role: "member" }],
      ["POST", `${A}/teams/${a.teamId}/members`, { accountId: staffB.id, role: "member" }],
      ["DELETE", `${A}/teams/${b.teamId}/members/${staffB.id}`],
      ["POST", `${A}/accounts/${staffB.id}/reset-second-factor`],
      // Documents, consents, channel preferences, forwarding gate (issue 7).
      ["GET", `${B}/documents`],
      ["POST", `${B}/documents`, { kind: "privacy_notice", language: "de", text: "x" }],
      ["PUT", `${B}/documents/${draftB.id}`, { text: "x" }],
      ["POST", `${B}/documents/${draftB.id}/approve`, { sha256: draftB.sha256 }],
      ["POST", `${B}/documents/${approvedB.id}/publish`],
      ["POST", `${B}/documents/${publishedB.id}/confirm`, { sha256: publishedB.sha256 }],
      ["GET", `${B}/documents/guideline-report`],
      ["PUT", `${A}/documents/${draftB.id}`, { text: "x" }],
      ["POST", `${A}/documents/${draftB.id}/approve`, { sha256: draftB.sha256 }],
      ["POST", `${A}/documents/${approvedB.id}/publish`],
      ["POST", `${A}/documents/${publishedB.id}/confirm`, { sha256: publishedB.sha256 }],
      ["GET", `/api/consents?organisationId=${b.orgId}&caseId=${caseB.caseId}`],
      ["GET", `/api/consents?organisationId=${a.orgId}&caseId=${caseB.caseId}`],
      ["GET", `/api/consents?organisationId=${a.orgId}&clientId=${caseB.client.id}`],
      ["POST", "/api/consents", consentBody(b.orgId)],
      ["POST", "/api/consents", consentBody(a.orgId)],
      ["POST", `/api/consents/${consentB}/withdraw`, { method: "verbal" }],
      ["GET", `${B}/clients/${caseB.client.id}/channel-preferences`],
      ["GET", `${A}/clients/${caseB.client.id}/channel-preferences`],
      ["POST", "/api/forwarding/check", forwardBody(b.orgId)],
      ["POST", "/api/forwarding/check", forwardBody(a.orgId)],
      // DPO tools (issue 7, items 4 and 7).
      ...dpoRequests(B),
    ];
  };

  const dpoRequests = (B: string): [string, string, unknown?][] => [
    ["GET", `${B}/audit`],
    ["GET", `${B}/audit?action=case.&limit=5`],
    ["GET", `${B}/audit/export`],
    ["GET", `${B}/audit/status`],
    ["GET", `${B}/break-glass`],
    ["GET", `${B}/processing-record`],
    ["POST", `${B}/processing-record/versions`, { controllerContact: "A", dpoContact: "A" }],
    ["GET", `${B}/processing-record/versions/1`],
    ["POST", `/api/cases/${caseB.caseId}/break-glass`, { reason: "Vertretung, Notfall gemeldet" }],
  ];

  it("keeps B's audit log, break-glass list and Art. 30 record from A's DPO", async () => {
    const db = server.ctx.db.db;
    const dpoA = await seedAccount(db, { orgId: a.orgId, role: "dpo" });
    const send = sendAs(server, dpoA.cookie);
    for (const [method, path, body] of dpoRequests(`/api/organisations/${b.orgId}`)) {
      const res = await send(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(b.orgId.slice(4));
    }
    expect(await db.selectFrom("break_glass_grants").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("processing_records").select("id").execute()).toEqual([]);
    // Nor was an export of B's chain recorded.
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "audit.exported").execute()).toEqual(
      [],
    );
  });

  it("answers 403/404 to every cross-organisation request and changes nothing", async () => {
    const send = sendAs(server, adminA.cookie);
    for (const [method, path, body] of cases()) {
      const res = await send(method, path, body);
      expect([403, 404], `${method} ${path} → ${res.status}`).toContain(res.status);
    }
    const db = server.ctx.db.db;
    const target = await db
      .selectFrom("accounts")
      .select("disabled_at")
      .where("id", "=", staffB.id)
      .executeTakeFirstOrThrow();
    expect(target.disabled_at).toBeNull();
    const session = await db
      .selectFrom("sessions")
      .select("revoked_at")
      .where("id", "=", staffB.sessionId)
      .executeTakeFirstOrThrow();
    expect(session.revoked_at).toBeNull();
    const inv = await db
      .selectFrom("invitations")
      .select("revoked_at")
      .where("id", "=", invitationB)
      .executeTakeFirstOrThrow();
    expect(inv.revoked_at).toBeNull();
    expect(
      await db.selectFrom("invitations").select("id").where("organisation_id", "=", b.orgId).execute(),
    ).toHaveLength(1);
    expect(
      await db.selectFrom("organisation_policies").select("role").where("organisation_id", "=", b.orgId).execute(),
    ).toEqual([]);
    expect(await db.selectFrom("messaging_policies").select("organisation_id").execute()).toEqual([]);
    expect(await db.selectFrom("attachment_policies").select("organisation_id").execute()).toEqual([]);
    expect(
      await db.selectFrom("team_members").select("account_id").where("team_id", "=", b.teamId).execute(),
    ).toHaveLength(1);
    const docs = await db
      .selectFrom("org_documents")
      .select(["id", "state", "text"])
      .where("organisation_id", "=", b.orgId)
      .orderBy("id")
      .execute();
    expect(docs.map((d) => d.id).sort()).toEqual([draftB.id, approvedB.id, publishedB.id].sort());
    expect(docs.find((d) => d.id === draftB.id)).toMatchObject({ state: "draft" });
    expect(docs.find((d) => d.id === approvedB.id)).toMatchObject({ state: "approved" });
    expect(await db.selectFrom("document_acceptances").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("consent_records").select("id").execute()).toEqual([{ id: consentB }]);
    expect(await db.selectFrom("forwarding_decisions").select("id").execute()).toEqual([]);
    // Nothing the requests tried to create or change exists (other fixtures may add agencies and topics to B).
    const agencyRow = await db
      .selectFrom("agencies")
      .select("name")
      .where("id", "=", agencyB)
      .executeTakeFirstOrThrow();
    expect(agencyRow.name).toBe("Stelle B");
    expect(await db.selectFrom("agencies").select("id").where("name", "=", "Übernommen").execute()).toEqual([]);
    expect(await db.selectFrom("topics").select("id").where("slug", "=", "neu").execute()).toEqual([]);
    expect(await db.selectFrom("teams").select("id").where("name", "=", "Neu").execute()).toEqual([]);
    expect(
      await db.selectFrom("team_members").select(["account_id", "role"]).where("team_id", "=", b.teamId).execute(),
    ).toEqual([{ account_id: staffB.id, role: "member" }]);
    expect(await db.selectFrom("team_members").select("account_id").where("team_id", "=", a.teamId).execute()).toEqual([
      { account_id: adminA.id },
    ]);
    // B's member still works.
    expect((await sendAs(server, staffB.cookie)("GET", `/api/organisations/${b.orgId}`)).status).toBe(200);
  });

  it("gives the same answers for B's real ids as for ids that do not exist (nothing is confirmed)", async () => {
    const send = sendAs(server, adminA.cookie);
    const real = await send("GET", `/api/organisations/${b.orgId}/accounts`);
    const made_up = await send("GET", `/api/organisations/org-doesnotexist/accounts`);
    expect(real.status).toBe(404);
    expect(made_up.status).toBe(404);
    expect(real.body).toEqual(made_up.body);
  });
});

/**
 * The same for counselling: staff and the admin of organisation A, and a
 * client who is not the case's, try every case route on a case of
 * organisation B (and hand A's case to B's team): always 403/404, and B's
 * case is unchanged afterwards.
 */
describe.each(DIALECTS)("tenant isolation of the counselling APIs (%s)", (dialect) => {
  let server: TestServer;
  let a: CounsellingFixture;
  let b: CounsellingFixture;
  let caseB: { id: string; conversationId: string };
  let caseA: { id: string; conversationId: string };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    a = await seedCounselling(server.ctx.db.db);
    b = await seedCounselling(server.ctx.db.db);
    const open = async (f: CounsellingFixture) => {
      const res = await sendAs(server, f.client.cookie)("POST", "/api/cases", openCaseBody(f));
      return (res.body as { case: { id: string; conversationId: string } }).case;
    };
    caseB = await open(b);
    caseA = await open(a);
    await sendAs(server, a.anna.cookie)("POST", `/api/cases/${caseA.id}/accept`);
  });
  afterAll(async () => server?.stop());

  it("answers 403/404 to every cross-organisation case request and changes nothing", async () => {
    const C = `/api/cases/${caseB.id}`;
    const requests: [string, string, unknown?][] = [
      ["GET", C],
      ["POST", `${C}/accept`],
      ["POST", `${C}/assign`, { assigneeId: a.anna.id }],
      ["POST", `${C}/assign`, { assigneeId: b.anna.id }],
      ["POST", `${C}/handover`, { toAccountId: a.anna.id }],
      ["POST", `${C}/handover`, { toTeamId: a.teamId, teamWraps: [] }],
      ["POST", `${C}/close`],
      ["POST", `${C}/archive`],
      ["POST", `${C}/notes`, { conversationId: `notes-${caseB.id}`, epoch: fakeEpoch() }],
      ["POST", `${C}/exports`, { messages: 1, notes: 0 }],
      ["GET", `${C}/team-wraps`],
      ["GET", `/api/conversations/${caseB.conversationId}`],
      ["GET", `/api/conversations/${caseB.conversationId}/messages`],
      ["POST", `/api/conversations/${caseB.conversationId}/messages`, { clientMsgId: "cm-tenant-1", envelope: "AAAA" }],
      ["GET", `/api/conversations/${caseB.conversationId}/epochs`],
      ["POST", `${C}/break-glass`, { reason: "Vertretung, Notfall gemeldet" }],
    ];
    for (const who of [a.lead, a.anna, a.admin, a.client, a.olga])
      for (const [method, path, body] of requests) {
        const res = await sendAs(server, who.cookie)(method, path, body);
        expect([403, 404], `${who.id} ${method} ${path} → ${res.status}`).toContain(res.status);
      }
    // A's own case cannot be handed to B's team (nor to B's staff).
    const wrap = { conversationId: caseA.conversationId, epoch: 1, generation: 1, wrap: "AAAA" };
    for (const body of [{ toTeamId: b.teamId, teamWraps: [wrap] }, { toAccountId: b.anna.id }]) {
      const res = await sendAs(server, a.anna.cookie)("POST", `/api/cases/${caseA.id}/handover`, body);
      expect([400, 403, 404]).toContain(res.status);
    }
    for (const who of [a.lead, a.anna, a.admin])
      for (const scope of ["new", "mine", "team", "all"]) {
        const list = (await sendAs(server, who.cookie)("GET", `/api/cases?scope=${scope}`)).body as {
          cases: { id: string }[];
        };
        expect(list.cases.some((c) => c.id === caseB.id)).toBe(false);
      }
    const db = server.ctx.db.db;
    const row = await db.selectFrom("cases").selectAll().where("id", "=", caseB.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "new", assignee_id: null, team_id: b.teamId, notes_conversation_id: null });
    expect(await db.selectFrom("case_events").select("type").where("case_id", "=", caseB.id).execute()).toHaveLength(2);
    const rowA = await db.selectFrom("cases").select("team_id").where("id", "=", caseA.id).executeTakeFirstOrThrow();
    expect(rowA.team_id).toBe(a.teamId);
    expect(
      await db
        .selectFrom("epoch_team_wraps")
        .select("ref_id")
        .where("ref_id", "=", b.teamId)
        .where("conversation_id", "=", caseA.conversationId)
        .execute(),
    ).toEqual([]);
  });
});
