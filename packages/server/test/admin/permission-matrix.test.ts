// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES, type Action, type Role } from "../../src/policies";
import { issueInvitation } from "../../src/modules/organisation/invitations";
import { DEFAULT_MESSAGING_POLICY } from "../../src/modules/messaging/messaging-policy";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, seedOrg, seedTeam, sendAs } from "./support";
import { fakeEpoch, giveTeamKey, openCaseBody, seedAgency, seedCaseRow } from "../cases/support";
import { seedCase, seedDocument } from "../compliance/support";

/**
 * The permission table at the API level: one real account per role, each
 * tries every action through its HTTP route, and the status must be what
 * PERMISSIONS says — success when the role is listed, otherwise 404 for
 * actors outside the scope (no organisation) and 403 inside it.
 */
type Request = { method: string; path: string; body?: unknown; ok: number };

/** An SSO configuration whose identity provider does not answer (the real flow is in test/sso). */
async function seedSsoConfig(db: TestServer["ctx"]["db"]["db"], orgId: string): Promise<void> {
  await db
    .insertInto("sso_configs")
    .values({
      organisation_id: orgId,
      issuer: "http://127.0.0.1:9",
      client_id: "obhut",
      client_secret_enc: null,
      scopes: "openid",
      groups_claim: "groups",
      role_mapping: "[]",
      required: 0,
      updated_by: null,
      updated_at: Date.now(),
    })
    .onConflict((oc) => oc.column("organisation_id").doNothing())
    .execute();
}

/** Actions that have no HTTP route (they are checked through the CLI tests). */
const CLI_ONLY: Action[] = ["organisation.create"];

describe.each(DIALECTS)("permission table through the API (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  const actors = new Map<Role, SeededAccount>();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    org = await seedOrg(db);
    for (const role of ROLES) {
      const account =
        role === "client"
          ? await seedAccount(db, { orgId: null, role: "client" })
          : role === "operator"
            ? await seedAccount(db, { orgId: null, role: "operator" })
            : role === "team_lead"
              ? await seedAccount(db, { orgId: org.orgId, role: "counsellor", team: { id: org.teamId, role: "lead" } })
              : await seedAccount(db, {
                  orgId: org.orgId,
                  role,
                  ...(role === "counsellor" ? { team: { id: org.teamId, role: "member" as const } } : {}),
                });
      actors.set(role, account);
    }
  });
  afterAll(async () => server?.stop());

  let notice: Promise<{ id: string; sha256: string }> | undefined;
  const englishNotice = () =>
    (notice ??= seedDocument(server.ctx.db.db, {
      orgId: org.orgId,
      kind: "privacy_notice",
      language: "en",
      state: "published",
    }));
  let theCase: ReturnType<typeof seedCase> | undefined;
  const complianceCase = () => (theCase ??= seedCase(server.ctx.db.db, { orgId: org.orgId, teamId: org.teamId }));

  let counselling: Promise<{ agencyId: string; topicId: string }> | undefined;
  /** The seeded team becomes an agency's keyed intake team; cases are assigned to the counsellor of the matrix. */
  const counsellingSetup = () =>
    (counselling ??= (async () => {
      const db = server.ctx.db.db;
      const members = [actors.get("counsellor")!.id, actors.get("team_lead")!.id];
      await giveTeamKey(db, { orgId: org.orgId, teamId: org.teamId, memberIds: members, createdBy: members[0]! });
      return seedAgency(db, { orgId: org.orgId, teamId: org.teamId });
    })());
  async function freshCase(
    props: { assigned?: boolean; state?: "new" | "active" | "closed"; ownClient?: boolean } = {},
  ) {
    const { agencyId, topicId } = await counsellingSetup();
    const db = server.ctx.db.db;
    const client = props.ownClient ? actors.get("client")! : await seedAccount(db, { orgId: null, role: "client" });
    const counsellor = actors.get("counsellor")!.id;
    return seedCaseRow(db, {
      orgId: org.orgId,
      teamId: org.teamId,
      agencyId,
      topicId,
      client,
      staffIds: [counsellor, actors.get("team_lead")!.id],
      assigneeId: props.assigned ? counsellor : null,
      ...(props.state ? { state: props.state } : {}),
    });
  }

  /** A fresh request for the action; mutating actions get a fresh target each time. */
  async function requestFor(action: Action): Promise<Request> {
    const db = server.ctx.db.db;
    const base = `/api/organisations/${org.orgId}`;
    switch (action) {
      case "organisation.read":
        return { method: "GET", path: base, ok: 200 };
      case "organisation.policy.read":
        return { method: "GET", path: `${base}/policy`, ok: 200 };
      case "organisation.policy.update":
        return {
          method: "PUT",
          path: `${base}/policy`,
          body: { roles: [{ role: "report_office", idleMinutes: 60, absoluteMinutes: 600, mfaRequired: true }] },
          ok: 200,
        };
      case "organisation.messaging_policy.read":
        return { method: "GET", path: `${base}/messaging-policy`, ok: 200 };
      case "organisation.messaging_policy.update":
        return {
          method: "PUT",
          path: `${base}/messaging-policy`,
          body: { policy: DEFAULT_MESSAGING_POLICY },
          ok: 200,
        };
      case "organisation.client_safety.read":
        return { method: "GET", path: `${base}/client-safety`, ok: 200 };
      case "organisation.client_safety.update":
        return {
          method: "PUT",
          path: `${base}/client-safety`,
          body: { quickExitUrl: "https://example.org/wetter" },
          ok: 200,
        };
      case "invitation.create":
        return {
          method: "POST",
          path: `${base}/invitations`,
          body: { role: "counsellor", teamId: org.teamId },
          ok: 201,
        };
      case "invitation.list":
        return { method: "GET", path: `${base}/invitations`, ok: 200 };
      case "invitation.revoke": {
        const { invitation } = await issueInvitation(db, Date.now(), {
          orgId: org.orgId,
          role: "dpo",
          teamId: null,
          createdBy: null,
          ttlMs: 3_600_000,
        });
        return { method: "DELETE", path: `${base}/invitations/${invitation.id}`, ok: 204 };
      }
      case "account.list":
        return { method: "GET", path: `${base}/accounts`, ok: 200 };
      case "account.deactivate": {
        const target = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        return { method: "POST", path: `${base}/accounts/${target.id}/deactivate`, ok: 200 };
      }
      case "account.role.change": {
        const target = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        return { method: "PUT", path: `${base}/accounts/${target.id}/role`, body: { role: "dpo" }, ok: 200 };
      }
      case "account.sessions.revoke": {
        const target = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        return { method: "POST", path: `${base}/accounts/${target.id}/revoke-sessions`, ok: 200 };
      }
      case "team.list":
        return { method: "GET", path: `${base}/teams`, ok: 200 };
      case "epoch_rotation.read":
        return { method: "GET", path: `${base}/owed-rotations`, ok: 200 };
      case "staff.directory.read":
        return { method: "GET", path: `${base}/staff-directory`, ok: 200 };
      case "team.members.read":
        return { method: "GET", path: `${base}/teams/${org.teamId}/members`, ok: 200 };
      case "canned_reply.read":
        return { method: "GET", path: `${base}/teams/${org.teamId}/canned-replies`, ok: 200 };
      case "canned_reply.manage":
        // The team key of generation 1 must exist: a wrap to an unknown generation is refused.
        await counsellingSetup();
        return {
          method: "POST",
          path: `${base}/teams/${org.teamId}/canned-replies`,
          body: { generation: 1, wrap: "d3JhcA", ciphertext: "c2VhbGVk" },
          ok: 201,
        };
      // Broadcast channels (ADR 0037): admins and team leads create, staff list, clients see the client-facing ones.
      case "channel.create":
        return {
          method: "POST",
          path: `${base}/channels`,
          body: { name: "Team-Info", audience: "staff", ownerIds: [] },
          ok: 201,
        };
      case "channel.read":
        return { method: "GET", path: `${base}/channels`, ok: 200 };
      // Team chats (ADR 0040): besides its creator, a member who is an admin or a team lead adds colleagues.
      case "chat.members": {
        const owner = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        const staff = (["counsellor", "team_lead", "org_admin", "dpo", "report_office"] as const).map(
          (r) => actors.get(r)!.id,
        );
        const as = sendAs(server, owner.cookie);
        const created = await as("POST", "/api/conversations", { kind: "team", memberIds: staff });
        const id = (created.body as { conversation: { id: string } }).conversation.id;
        const wraps = [owner.id, ...staff].map((recipientId) => ({ recipientId, wrap: "d3JhcA" }));
        await as("POST", `/api/conversations/${id}/epochs`, { epoch: 1, record: "cmVjb3Jk", wraps });
        const newcomer = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        const body = { epoch: 1, members: [{ accountId: newcomer.id, wrap: "d3JhcA" }] };
        return { method: "POST", path: `/api/conversations/${id}/members`, body, ok: 204 };
      }
      case "organisation.attention.read":
        return { method: "GET", path: `${base}/attention`, ok: 200 };
      case "channel.client":
        return { method: "GET", path: "/api/client-channels", ok: 200 };
      case "session.list":
        return { method: "GET", path: "/api/sessions", ok: 200 };
      case "session.revoke":
        return { method: "POST", path: "/api/sessions/revoke-others", ok: 200 };
      case "mfa.manage":
        return { method: "GET", path: "/api/mfa/status", ok: 200 };
      case "sso.config.read":
        return { method: "GET", path: `${base}/sso`, ok: 200 };
      case "sso.config.update":
        await seedSsoConfig(db, org.orgId);
        return { method: "DELETE", path: `${base}/sso`, ok: 204 };
      case "sso.link":
        // Authorised callers reach the identity provider, which this matrix points at a closed port (502).
        await seedSsoConfig(db, org.orgId);
        return { method: "POST", path: "/api/sso/link/start", ok: 502 };
      case "document.manage":
        return { method: "GET", path: `${base}/documents`, ok: 200 };
      case "document.approve": {
        const d = await seedDocument(db, { orgId: org.orgId, kind: "privacy_notice", state: "draft" });
        return { method: "POST", path: `${base}/documents/${d.id}/approve`, body: { sha256: d.sha256 }, ok: 200 };
      }
      case "document.publish": {
        const d = await seedDocument(db, { orgId: org.orgId, kind: "privacy_notice", state: "approved" });
        return { method: "POST", path: `${base}/documents/${d.id}/publish`, ok: 200 };
      }
      // A privacy notice, not a guideline: a published guideline would hold up the case actions of unconfirmed staff.
      case "document.accept": {
        const d = await englishNotice();
        return { method: "POST", path: `/api/documents/${d.id}/accept`, body: { sha256: d.sha256 }, ok: 201 };
      }
      case "guideline.confirm": {
        const d = await englishNotice();
        return { method: "POST", path: `${base}/documents/${d.id}/confirm`, body: { sha256: d.sha256 }, ok: 201 };
      }
      case "guideline.report":
        return { method: "GET", path: `${base}/documents/guideline-report`, ok: 200 };
      case "consent.manage": {
        const { caseId } = await complianceCase();
        return { method: "GET", path: `/api/consents?organisationId=${org.orgId}&caseId=${caseId}`, ok: 200 };
      }
      case "consent.own":
        return { method: "GET", path: "/api/account/consents", ok: 200 };
      case "channels.own":
        return { method: "GET", path: "/api/account/channel-preferences", ok: 200 };
      case "notify_email.own":
        return { method: "GET", path: "/api/account/notify-email", ok: 200 };
      case "push.own":
        return { method: "GET", path: "/api/account/push-subscriptions", ok: 200 };
      case "staff_notifications.own":
        return { method: "GET", path: "/api/account/notifications", ok: 200 };
      case "quiet_hours.own":
        return { method: "GET", path: "/api/account/quiet-hours", ok: 200 };
      case "notification_rules.own":
        return { method: "GET", path: "/api/account/notification-rules", ok: 200 };
      case "notifications.dead_letters":
        return { method: "GET", path: `/api/organisations/${org.orgId}/dead-letters`, ok: 200 };
      case "organisation.notification_settings.read":
        return { method: "GET", path: `/api/organisations/${org.orgId}/notification-settings`, ok: 200 };
      case "organisation.notification_settings.update":
        return {
          method: "PUT",
          path: `/api/organisations/${org.orgId}/notification-settings`,
          body: { senderName: "Ihre Beratungsstelle" },
          ok: 200,
        };
      case "channels.read": {
        const { client } = await complianceCase();
        return { method: "GET", path: `${base}/clients/${client.id}/channel-preferences`, ok: 200 };
      }
      case "forwarding.check": {
        const { caseId } = await complianceCase();
        const body = {
          organisationId: org.orgId,
          caseId,
          purpose: "referral",
          recipient: "Jugendamt",
          channel: "email",
          legalBasis: "kkg_4_child_protection",
          reason: "Gewichtige Anhaltspunkte nach §8a SGB VIII",
        };
        return { method: "POST", path: "/api/forwarding/check", body, ok: 200 };
      }
      case "retention.read":
        return { method: "GET", path: `${base}/retention`, ok: 200 };
      case "retention.update":
        return {
          method: "PUT",
          path: `${base}/retention`,
          body: { rules: [{ dataClass: "messages", periodDays: 400 }] },
          ok: 200,
        };
      case "legal_hold.manage": {
        const { caseId } = await complianceCase();
        return {
          method: "PUT",
          path: `/api/cases/${caseId}/legal-hold`,
          body: { reason: "Gerichtsverfahren" },
          ok: 200,
        };
      }
      case "case.open":
        return { method: "POST", path: "/api/cases", body: openCaseBody(await counsellingSetup()), ok: 201 };
      case "case.read": {
        const { caseId } = await freshCase({ ownClient: true });
        return { method: "GET", path: `/api/cases/${caseId}`, ok: 200 };
      }
      case "case.accept": {
        const { caseId } = await freshCase();
        return { method: "POST", path: `/api/cases/${caseId}/accept`, ok: 200 };
      }
      case "case.assign": {
        const { caseId } = await freshCase();
        return {
          method: "POST",
          path: `/api/cases/${caseId}/assign`,
          body: { assigneeId: actors.get("counsellor")!.id },
          ok: 200,
        };
      }
      case "case.handover": {
        const { caseId } = await freshCase({ assigned: true });
        return {
          method: "POST",
          path: `/api/cases/${caseId}/handover`,
          body: { toAccountId: actors.get("team_lead")!.id },
          ok: 200,
        };
      }
      case "case.close": {
        const { caseId } = await freshCase({ assigned: true });
        return { method: "POST", path: `/api/cases/${caseId}/close`, ok: 200 };
      }
      case "case.rebind": {
        // The lookup step (the re-binding itself is covered in test/cases/case-rebind.test.ts).
        const { caseId } = await freshCase({ assigned: true });
        const newClient = await seedAccount(db, { orgId: null, role: "client" });
        const code = "ABCDEFGH";
        await db
          .insertInto("case_rebind_codes")
          .values({
            code_hash: createHash("sha256").update(code).digest("hex"),
            account_id: newClient.id,
            created_at: 0,
            // Far ahead of any test clock.
            expires_at: Date.UTC(2100, 0, 1),
            used_at: null,
          })
          .onConflict((oc) => oc.column("code_hash").doUpdateSet({ account_id: newClient.id, used_at: null }))
          .execute();
        return { method: "POST", path: `/api/cases/${caseId}/rebind/lookup`, body: { code }, ok: 200 };
      }
      case "case.archive": {
        const { caseId } = await freshCase({ assigned: true, state: "closed" });
        return { method: "POST", path: `/api/cases/${caseId}/archive`, ok: 200 };
      }
      case "case.notes": {
        const { caseId } = await freshCase({ assigned: true });
        const body = { conversationId: `notes-${caseId}`, epoch: fakeEpoch() };
        return { method: "POST", path: `/api/cases/${caseId}/notes`, body, ok: 201 };
      }
      case "case.keys.read": {
        const { caseId } = await freshCase({ assigned: true });
        return { method: "GET", path: `/api/cases/${caseId}/team-wraps`, ok: 200 };
      }
      case "case.export": {
        const { caseId } = await freshCase({ assigned: true });
        return { method: "POST", path: `/api/cases/${caseId}/exports`, body: { messages: 1, notes: 0 }, ok: 204 };
      }
      case "absence.manage":
        return { method: "GET", path: "/api/account/absence", ok: 200 };
      case "display_name.manage":
        return { method: "GET", path: "/api/account/display-name", ok: 200 };
      // Appointments (ADR 0052).
      case "appointment.availability":
        return { method: "GET", path: "/api/appointments/availability", ok: 200 };
      case "appointment.book": {
        const { caseId } = await freshCase({ ownClient: true });
        return { method: "GET", path: `/api/cases/${caseId}/appointments`, ok: 200 };
      }
      // Admin console: second-factor reset, agencies, teams and membership (issue 4, item 8).
      case "account.mfa.reset": {
        const target = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        return { method: "POST", path: `${base}/accounts/${target.id}/reset-second-factor`, ok: 200 };
      }
      case "agency.read":
        return { method: "GET", path: `${base}/agencies`, ok: 200 };
      case "agency.manage": {
        const body = {
          name: "Beratungsstelle Mitte",
          address: null,
          postcodes: ["10"],
          topicIds: [],
          languages: ["de"],
          openingHours: null,
          onlineAnywhere: true,
          greeting: null,
        };
        return { method: "POST", path: `${base}/agencies`, body, ok: 201 };
      }
      case "team.create":
        return {
          method: "POST",
          path: `${base}/teams`,
          body: { name: "Team", agencyId: null, isIntake: false },
          ok: 201,
        };
      case "team.members.manage": {
        const target = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
        const { teamId } = await seedTeam(db, org.orgId);
        const body = { accountId: target.id, role: "member" };
        return { method: "POST", path: `${base}/teams/${teamId}/members`, body, ok: 200 };
      }
      case "dsr.manage":
        return {
          method: "POST",
          path: `${base}/dsr-requests`,
          body: {
            type: "access",
            subject: { type: "reference", reference: "Brief 2026/17" },
            receivedOn: "2026-01-05",
          },
          ok: 201,
        };
      case "restriction.manage": {
        const { caseId } = await seedCase(db, { orgId: org.orgId, teamId: org.teamId });
        const body = { subject: { type: "case", caseId }, reason: "Richtigkeit bestritten (Art. 18 Abs. 1 a)" };
        return { method: "POST", path: `${base}/restrictions`, body, ok: 201 };
      }
      case "dsr.own":
        return { method: "GET", path: "/api/account/data", ok: 200 };
      // DPO tools (issue 7, items 4 and 7): audit viewer, break glass, record of processing activities.
      case "case.break_glass": {
        const { caseId } = await freshCase({ assigned: true });
        return {
          method: "POST",
          path: `/api/cases/${caseId}/break-glass`,
          body: { reason: "Vertretung, Notfall gemeldet" },
          ok: 201,
        };
      }
      case "break_glass.read":
        return { method: "GET", path: `${base}/break-glass`, ok: 200 };
      // Archive access (ADR 0032): an admin asks, a DPO decides (never the requester), leads see it.
      case "archive_access.request": {
        const { caseId } = await freshCase({ assigned: true });
        return {
          method: "POST",
          path: `/api/cases/${caseId}/archive-access`,
          body: { reason: "Team aufgelöst, Auskunftsersuchen der Klientin" },
          ok: 201,
        };
      }
      case "archive_access.decide": {
        const { caseId, conversationId } = await freshCase({ assigned: true });
        const id = rid("aa");
        await db
          .insertInto("archive_access_requests")
          .values({
            id,
            organisation_id: org.orgId,
            case_id: caseId,
            team_id: org.teamId,
            conversation_id: conversationId,
            requested_by: actors.get("org_admin")!.id,
            reason: "Team aufgelöst, Auskunftsersuchen der Klientin",
            requested_at: Date.now(),
            decision: null,
            decided_by: null,
            decided_at: null,
            expires_at: null,
          })
          .execute();
        return { method: "POST", path: `${base}/archive-access/${id}/decision`, body: { approve: true }, ok: 200 };
      }
      case "archive_access.read":
        return { method: "GET", path: `${base}/archive-access`, ok: 200 };
      case "audit.read":
        return { method: "GET", path: `${base}/audit?limit=5`, ok: 200 };
      case "audit.export":
        return { method: "GET", path: `${base}/audit/export?action=case.`, ok: 200 };
      case "processing_record.read":
        return { method: "GET", path: `${base}/processing-record`, ok: 200 };
      case "processing_record.store":
        server.ctx.config.hostingLocation = "Frankfurt am Main (EU)";
        return {
          method: "POST",
          path: `${base}/processing-record/versions`,
          body: { controllerContact: "Träger e. V., Berlin", dpoContact: "dsb@traeger.example" },
          ok: 201,
        };
      // The breach register (ADR 0047).
      case "breach.read":
        return { method: "GET", path: `${base}/breaches`, ok: 200 };
      case "breach.write":
        return {
          method: "POST",
          path: `${base}/breaches`,
          body: { description: "USB-Stick verloren", awareAt: 0, dataCategories: "Namen", personsAffected: 3 },
          ok: 201,
        };
      // Training records (ADR 0048).
      case "training.manage":
        return { method: "GET", path: `${base}/trainings`, ok: 200 };
      case "training.confirm":
        return { method: "GET", path: `${base}/trainings/mine`, ok: 200 };
      // The processor register (ADR 0049).
      case "processor.read":
        return { method: "GET", path: `${base}/processors`, ok: 200 };
      case "processor.write":
        return {
          method: "POST",
          path: `${base}/processors`,
          body: {
            name: "Rechenzentrum GmbH",
            service: "Server",
            location: "Frankfurt am Main",
            country: "DE",
            thirdCountryTransfer: false,
            safeguard: null,
            contractDate: null,
            reviewDate: null,
            subProcessors: [],
            notes: "",
          },
          ok: 201,
        };
      // Statistics for funders (ADR 0045).
      case "statistics.read":
        return { method: "GET", path: `${base}/statistics?year=2026&by=team`, ok: 200 };
      case "statistics.settings":
        return { method: "PUT", path: `${base}/statistics/settings`, body: { minCellSize: 6 }, ok: 200 };
      // Attachment policy and deletion (issue 5, item 5).
      case "attachment_policy.read":
        return { method: "GET", path: `${base}/attachment-policy`, ok: 200 };
      case "attachment_policy.update":
        return {
          method: "PUT",
          path: `${base}/attachment-policy`,
          body: { maxBytes: 10 * 1024 * 1024, allowedTypes: ["image/*", "application/pdf"] },
          ok: 200,
        };
      case "case.attachment.delete": {
        // An attachment the case's client sent; the assignee and the team lead may remove it.
        const { caseId, conversationId } = await freshCase({ assigned: true });
        const c = await db.selectFrom("cases").select("client_id").where("id", "=", caseId).executeTakeFirstOrThrow();
        const id = rid("att");
        await db
          .insertInto("attachments")
          .values({
            id,
            conversation_id: conversationId,
            uploader_id: c.client_id,
            size: 1000,
            chunk_size: 1024 * 1024,
            chunk_count: 1,
            created_at: Date.now(),
            completed_at: Date.now(),
          })
          .execute();
        return { method: "DELETE", path: `/api/attachments/${id}`, ok: 204 };
      }
      case "organisation.create":
        throw new Error("CLI only");
    }
  }

  const pairs = ROLES.flatMap((role) =>
    ACTIONS.filter((a) => !CLI_ONLY.includes(a)).map((action) => [role, action] as const),
  );

  it.each(pairs)("%s → %s", async (role, action) => {
    const req = await requestFor(action);
    const res = await sendAs(server, actors.get(role)!.cookie)(req.method, req.path, req.body);
    const allowed = (PERMISSIONS[action].roles as readonly Role[]).includes(role);
    const scope = PERMISSIONS[action].scope;
    // A case exists only for its client and the members of its team (the matrix's counsellor and lead).
    const outsideOrg =
      scope === "case"
        ? role !== "counsellor" && role !== "team_lead"
        : scope !== "own" && scope !== "instance" && (role === "client" || role === "operator");
    const expected = allowed ? req.ok : outsideOrg ? 404 : 403;
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
  });
});
