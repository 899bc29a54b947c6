// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AddTeamMember,
  ApproveOrgDocument,
  ArchiveCase,
  AssignCase,
  type BodyOf,
  CheckForwarding,
  CloseCase,
  ConfirmDocument,
  CreateAgency,
  CreateInvitation,
  CreateOrgDocument,
  CreateTeam,
  CreateTopic,
  DeactivateAccount,
  DecideArchiveAccess,
  ExportAuditEntries,
  GetAttachmentPolicy,
  GetAuditStatus,
  GetCase,
  GetClientChannelPreferences,
  GetConversation,
  GetMessagingPolicy,
  GetOwedRotations,
  GetOrganisation,
  GetOrganisationPolicy,
  GetProcessingRecord,
  GetProcessingRecordVersion,
  GuidelineReport,
  HandOverCase,
  ListAgencies,
  ListArchiveAccess,
  ListAuditEntries,
  ListBreakGlass,
  ListCaseTeamWraps,
  ListCases,
  ListConsents,
  ListEpochs,
  ListInvitations,
  ListMessages,
  ListOrgDocuments,
  ListStaffAccounts,
  ListTeamMembers,
  ListTeams,
  OpenCase,
  OpenNotes,
  PublishOrgDocument,
  RecordCaseExport,
  RecordConsent,
  RemoveTeamMember,
  RequestArchiveAccess,
  RequestBreakGlass,
  ResetSecondFactor,
  RevokeAccountSessions,
  RevokeInvitation,
  RevokeSession,
  SendMessage,
  StoreProcessingRecord,
  UpdateAgency,
  UpdateAttachmentPolicy,
  UpdateMessagingPolicy,
  UpdateOrganisationPolicy,
  UpdateOrgDocument,
  WithdrawConsent,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvitation } from "../../src/modules/organisation/invitations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type CounsellingFixture, fakeEpoch, openCaseBody, seedCounselling } from "../cases/support";
import { seedCase, seedDocument } from "../compliance/support";
import { type SeededOrg, request, seedOrg, type TableRequest } from "./support";

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

  const consentBody = (organisationId: string): BodyOf<typeof RecordConsent> => ({
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
  const forwardBody = (organisationId: string): BodyOf<typeof CheckForwarding> => ({
    organisationId,
    caseId: caseB.caseId,
    purpose: "referral",
    recipient: "Jugendamt",
    channel: "email",
    legalBasis: "gdpr_6_1_c_legal_obligation",
    reason: "Gerichtliche Anordnung",
  });

  const agencyBody = (topicIds: string[]): BodyOf<typeof CreateAgency> => ({
    name: "Übernommen",
    address: null,
    postcodes: [],
    topicIds,
    languages: [],
    openingHours: null,
    onlineAnywhere: false,
    greeting: null,
  });

  const cases = (): TableRequest[] => {
    const B = { orgId: b.orgId };
    const A = { orgId: a.orgId };
    const policy: BodyOf<typeof UpdateOrganisationPolicy> = {
      roles: [{ role: "counsellor", idleMinutes: 5, absoluteMinutes: 60, mfaRequired: false }],
    };
    return [
      request(GetOrganisation, { params: B }),
      request(GetOrganisationPolicy, { params: B }),
      request(UpdateOrganisationPolicy, { params: B, body: policy }),
      request(GetMessagingPolicy, { params: B }),
      request(GetOwedRotations, { params: B }),
      request(UpdateMessagingPolicy, { params: B, body: { policy: DEFAULT_MESSAGING_POLICY } }),
      request(GetAttachmentPolicy, { params: B }),
      request(UpdateAttachmentPolicy, { params: B, body: { maxBytes: 1024 * 1024, allowedTypes: ["image/*"] } }),
      request(CreateInvitation, { params: B, body: { role: "org_admin" } }),
      request(ListInvitations, { params: B }),
      request(RevokeInvitation, { params: { ...B, invitationId: invitationB } }),
      request(ListStaffAccounts, { params: B }),
      request(DeactivateAccount, { params: { ...B, accountId: staffB.id } }),
      request(RevokeAccountSessions, { params: { ...B, accountId: staffB.id } }),
      request(ListTeamMembers, { params: { ...B, teamId: b.teamId } }),
      request(ListTeams, { params: B }),
      // B's ids under A's own path: the service must check the resource's organisation, not only the path.
      request(CreateInvitation, { params: A, body: { role: "counsellor", teamId: b.teamId } }),
      request(RevokeInvitation, { params: { ...A, invitationId: invitationB } }),
      request(DeactivateAccount, { params: { ...A, accountId: staffB.id } }),
      request(RevokeAccountSessions, { params: { ...A, accountId: staffB.id } }),
      request(ListTeamMembers, { params: { ...A, teamId: b.teamId } }),
      request(RevokeSession, { params: { sessionId: staffB.sessionId } }),
      // Admin console structure: agencies, topics, teams, membership, second-factor reset.
      request(ListAgencies, { params: B }),
      request(CreateAgency, { params: B, body: agencyBody([]) }),
      request(UpdateAgency, { params: { ...B, agencyId: agencyB }, body: agencyBody([]) }),
      request(CreateTopic, { params: B, body: { slug: "neu", name: "Neu", addressForm: "formal" } }),
      request(CreateTeam, { params: B, body: { name: "Neu", agencyId: null, isIntake: false } }),
      request(AddTeamMember, { params: { ...B, teamId: b.teamId }, body: { accountId: staffB.id, role: "lead" } }),
      request(RemoveTeamMember, { params: { ...B, teamId: b.teamId, accountId: staffB.id } }),
      request(ResetSecondFactor, { params: { ...B, accountId: staffB.id } }),
      request(UpdateAgency, { params: { ...A, agencyId: agencyB }, body: agencyBody([]) }),
      request(CreateAgency, { params: A, body: agencyBody([topicB]) }),
      request(CreateTeam, { params: A, body: { name: "Neu", agencyId: agencyB, isIntake: true } }),
      request(AddTeamMember, { params: { ...A, teamId: b.teamId }, body: { accountId: adminA.id, role: "member" } }),
      request(AddTeamMember, { params: { ...A, teamId: a.teamId }, body: { accountId: staffB.id, role: "member" } }),
      request(RemoveTeamMember, { params: { ...A, teamId: b.teamId, accountId: staffB.id } }),
      request(ResetSecondFactor, { params: { ...A, accountId: staffB.id } }),
      // Documents, consents, channel preferences, forwarding gate (issue 7).
      request(ListOrgDocuments, { params: B }),
      request(CreateOrgDocument, { params: B, body: { kind: "privacy_notice", language: "de", text: "x" } }),
      request(UpdateOrgDocument, { params: { ...B, documentId: draftB.id }, body: { text: "x" } }),
      request(ApproveOrgDocument, { params: { ...B, documentId: draftB.id }, body: { sha256: draftB.sha256 } }),
      request(PublishOrgDocument, { params: { ...B, documentId: approvedB.id } }),
      request(ConfirmDocument, { params: { ...B, documentId: publishedB.id }, body: { sha256: publishedB.sha256 } }),
      request(GuidelineReport, { params: B }),
      request(UpdateOrgDocument, { params: { ...A, documentId: draftB.id }, body: { text: "x" } }),
      request(ApproveOrgDocument, { params: { ...A, documentId: draftB.id }, body: { sha256: draftB.sha256 } }),
      request(PublishOrgDocument, { params: { ...A, documentId: approvedB.id } }),
      request(ConfirmDocument, { params: { ...A, documentId: publishedB.id }, body: { sha256: publishedB.sha256 } }),
      request(ListConsents, { query: { organisationId: b.orgId, caseId: caseB.caseId } }),
      request(ListConsents, { query: { organisationId: a.orgId, caseId: caseB.caseId } }),
      request(ListConsents, { query: { organisationId: a.orgId, clientId: caseB.client.id } }),
      request(RecordConsent, { body: consentBody(b.orgId) }),
      request(RecordConsent, { body: consentBody(a.orgId) }),
      request(WithdrawConsent, { params: { consentId: consentB }, body: { method: "verbal" } }),
      request(GetClientChannelPreferences, { params: { ...B, clientId: caseB.client.id } }),
      request(GetClientChannelPreferences, { params: { ...A, clientId: caseB.client.id } }),
      request(CheckForwarding, { body: forwardBody(b.orgId) }),
      request(CheckForwarding, { body: forwardBody(a.orgId) }),
      // DPO tools (issue 7, items 4 and 7).
      ...dpoRequests(b.orgId),
    ];
  };

  const dpoRequests = (orgId: string): TableRequest[] => [
    request(ListAuditEntries, { params: { orgId } }),
    request(ListAuditEntries, { params: { orgId }, query: { action: "case.", limit: 5 } }),
    request(ExportAuditEntries, { params: { orgId } }),
    request(GetAuditStatus, { params: { orgId } }),
    request(ListBreakGlass, { params: { orgId } }),
    request(GetProcessingRecord, { params: { orgId } }),
    request(StoreProcessingRecord, { params: { orgId }, body: { controllerContact: "A", dpoContact: "A" } }),
    request(GetProcessingRecordVersion, { params: { orgId, version: 1 } }),
    request(RequestBreakGlass, { params: { caseId: caseB.caseId }, body: { reason: "Vertretung, Notfall gemeldet" } }),
    // Archive access (ADR 0032): another organisation's case, list and request ids are not found.
    request(ListArchiveAccess, { params: { orgId } }),
    request(RequestArchiveAccess, {
      params: { caseId: caseB.caseId },
      body: { reason: "Team aufgelöst, Auskunftsersuchen der Klientin" },
    }),
    request(DecideArchiveAccess, { params: { orgId, requestId: "aa-not-there-0001" }, body: { approve: true } }),
  ];

  it("keeps B's audit log, break-glass list and Art. 30 record from A's DPO", async () => {
    const db = server.ctx.db.db;
    const dpoA = await seedAccount(db, { orgId: a.orgId, role: "dpo" });
    const client = apiAs(server, dpoA);
    for (const { label, run } of dpoRequests(b.orgId)) {
      const res = await run(client);
      expect(res.status, label).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(b.orgId.slice(4));
    }
    expect(await db.selectFrom("break_glass_grants").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("archive_access_requests").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("processing_records").select("id").execute()).toEqual([]);
    // Nor was an export of B's chain recorded.
    expect(await db.selectFrom("audit_events").select("id").where("action", "=", "audit.exported").execute()).toEqual(
      [],
    );
  });

  it("answers 403/404 to every cross-organisation request and changes nothing", async () => {
    const client = apiAs(server, adminA);
    for (const { label, run } of cases()) {
      const res = await run(client);
      expect([403, 404], `${label} → ${res.status}`).toContain(res.status);
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
    expect((await apiAs(server, staffB).call(GetOrganisation, { params: { orgId: b.orgId } })).status).toBe(200);
  });

  it("gives the same answers for B's real ids as for ids that do not exist (nothing is confirmed)", async () => {
    const client = apiAs(server, adminA);
    const real = await client.call(ListStaffAccounts, { params: { orgId: b.orgId } });
    const made_up = await client.call(ListStaffAccounts, { params: { orgId: "org-doesnotexist" } });
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
      const res = await apiAs(server, f.client).call(OpenCase, { body: openCaseBody(f) });
      return res.body.case;
    };
    caseB = await open(b);
    caseA = await open(a);
    await apiAs(server, a.anna).call(AcceptCase, { params: { caseId: caseA.id } });
  });
  afterAll(async () => server?.stop());

  it("answers 403/404 to every cross-organisation case request and changes nothing", async () => {
    const C = { caseId: caseB.id };
    const conversation = { id: caseB.conversationId };
    const requests: TableRequest[] = [
      request(GetCase, { params: C }),
      request(AcceptCase, { params: C }),
      request(AssignCase, { params: C, body: { assigneeId: a.anna.id } }),
      request(AssignCase, { params: C, body: { assigneeId: b.anna.id } }),
      request(HandOverCase, { params: C, body: { toAccountId: a.anna.id } }),
      request(HandOverCase, { params: C, body: { toTeamId: a.teamId, teamWraps: [] } }),
      request(CloseCase, { params: C }),
      request(ArchiveCase, { params: C }),
      request(OpenNotes, { params: C, body: { conversationId: `notes-${caseB.id}`, epoch: fakeEpoch() } }),
      request(RecordCaseExport, { params: C, body: { messages: 1, notes: 0 } }),
      request(ListCaseTeamWraps, { params: C }),
      request(GetConversation, { params: conversation }),
      request(ListMessages, { params: conversation }),
      request(SendMessage, { params: conversation, body: { clientMsgId: "cm-tenant-1", envelope: "AAAA" } }),
      request(ListEpochs, { params: conversation }),
      request(RequestBreakGlass, { params: C, body: { reason: "Vertretung, Notfall gemeldet" } }),
    ];
    for (const who of [a.lead, a.anna, a.admin, a.client, a.olga])
      for (const { label, run } of requests) {
        const res = await run(apiAs(server, who));
        expect([403, 404], `${who.id} ${label} → ${res.status}`).toContain(res.status);
      }
    // A's own case cannot be handed to B's team (nor to B's staff).
    const wrap = { conversationId: caseA.conversationId, epoch: 1, generation: 1, wrap: "AAAA" };
    for (const body of [{ toTeamId: b.teamId, teamWraps: [wrap] }, { toAccountId: b.anna.id }]) {
      const res = await apiAs(server, a.anna).call(HandOverCase, { params: { caseId: caseA.id }, body });
      expect([400, 403, 404]).toContain(res.status);
    }
    for (const who of [a.lead, a.anna, a.admin])
      for (const scope of ["new", "mine", "team", "all"] as const) {
        const list = (await apiAs(server, who).call(ListCases, { query: { scope } })).body;
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
