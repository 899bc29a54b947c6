// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type BodyOf,
  GetClientChannelPreferences,
  GetMyChannelPreferences,
  GiveMyConsent,
  ListConsents,
  ListMyConsents,
  RecordConsent,
  UpdateMyChannelPreferences,
  WithdrawConsent,
  WithdrawMyConsent,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mayNotify } from "../../src/modules/compliance/channel-preferences";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedCase, sha256Hex } from "./support";

/**
 * The consent log (issue 7.2, COMPLIANCE 1 and 3): append-only records,
 * withdrawal as its own record, "state at time T", need-to-know for
 * counsellors, clients managing their own consents, channel preferences.
 */
type Consent = {
  id: string;
  active: boolean;
  withdrawal: { id: string; withdrawnAt: number } | null;
  subject: { type: string };
  purpose: string;
};

describe.each(DIALECTS)("consent records (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let other: SeededOrg;
  let counsellor: SeededAccount;
  let outsider: SeededAccount;
  let otherAdmin: SeededAccount;
  let reportOffice: SeededAccount;
  let client: SeededAccount;
  let caseId: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    const now = clock.now();
    org = await seedOrg(db, now);
    other = await seedOrg(db, now);
    counsellor = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
      now,
    });
    // Same organisation, not in the case's team.
    outsider = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now });
    reportOffice = await seedAccount(db, { orgId: org.orgId, role: "report_office", now });
    otherAdmin = await seedAccount(db, { orgId: other.orgId, role: "org_admin", now });
    const seeded = await seedCase(db, { orgId: org.orgId, teamId: org.teamId, assigneeId: counsellor.id, now });
    caseId = seeded.caseId;
    client = seeded.client;
  });
  afterAll(async () => server?.stop());

  const written = (): BodyOf<typeof RecordConsent> => ({
    organisationId: org.orgId,
    subject: { type: "case", caseId },
    givenBy: "guardian",
    capacity: "minor",
    purpose: "referral",
    recipients: ["Jugendamt Mitte"],
    channels: ["email", "postal"],
    textSha256: sha256Hex("Einwilligung Weitergabe an das Jugendamt, Fassung 3"),
    language: "de",
    method: "written",
    staffPresentId: counsellor.id,
  });

  it("records a written consent with who, for whom, what, how and the text hash — and audits it", async () => {
    const res = await apiAs(server, counsellor).call(RecordConsent, { body: written() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const consent = (res.body as { consent: Consent }).consent;
    expect(consent).toMatchObject({
      organisationId: org.orgId,
      subject: { type: "case", caseId },
      givenBy: "guardian",
      capacity: "minor",
      recipients: ["Jugendamt Mitte"],
      channels: ["email", "postal"],
      method: "written",
      staffPresentId: counsellor.id,
      recordedBy: counsellor.id,
      givenAt: clock.now(),
      withdrawal: null,
      active: true,
    });
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "data", "organisation_id"])
      .where("target_id", "=", consent.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["consent.recorded"]);
    expect(audit[0]!.organisation_id).toBe(org.orgId);
    expect(audit[0]!.data).not.toContain("Jugendamt");
  });

  it("withdraws by appending a record: the grant row stays unchanged and the state at an earlier time still answers", async () => {
    const db = server.ctx.db.db;
    const given = (
      (await apiAs(server, counsellor).call(RecordConsent, { body: { ...written(), purpose: "transfer" } })).body as {
        consent: Consent;
      }
    ).consent;
    const tGiven = clock.now();
    const before = await db
      .selectFrom("consent_records")
      .selectAll()
      .where("id", "=", given.id)
      .executeTakeFirstOrThrow();
    clock.advance(60_000);
    const res = await apiAs(server, counsellor).call(WithdrawConsent, {
      params: { consentId: given.id },
      body: { method: "verbal" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const withdrawn = (res.body as { consent: Consent }).consent;
    expect(withdrawn).toMatchObject({ id: given.id, active: false, withdrawal: { withdrawnAt: clock.now() } });
    const after = await db
      .selectFrom("consent_records")
      .selectAll()
      .where("id", "=", given.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const rows = await db
      .selectFrom("consent_records")
      .select(["kind", "withdraws_id"])
      .where((eb) => eb.or([eb("id", "=", given.id), eb("withdraws_id", "=", given.id)]))
      .orderBy("kind")
      .execute();
    expect(rows).toEqual([
      { kind: "grant", withdraws_id: null },
      { kind: "withdrawal", withdraws_id: given.id },
    ]);
    // A second withdrawal is refused.
    expect(
      (
        await apiAs(server, counsellor).call(WithdrawConsent, {
          params: { consentId: given.id },
          body: { method: "verbal" },
        })
      ).status,
    ).toBe(409);

    const at = async (t: number) =>
      (
        (
          await apiAs(server, counsellor).call(ListConsents, {
            query: { organisationId: org.orgId, caseId, at: t },
          })
        ).body as { consents: Consent[] }
      ).consents.find((c) => c.id === given.id)!;
    expect((await at(tGiven - 1)).active).toBe(false);
    expect((await at(tGiven)).active).toBe(true);
    expect((await at(tGiven + 59_999)).active).toBe(true);
    expect((await at(clock.now())).active).toBe(false);
    const actions = (
      await db.selectFrom("audit_events").select("action").where("target_id", "=", given.id).orderBy("id").execute()
    ).map((r) => r.action);
    expect(actions).toEqual(["consent.recorded", "consent.withdrawn"]);
  });

  it("records exactly one withdrawal when two arrive at the same moment", async () => {
    const given = (
      (await apiAs(server, counsellor).call(RecordConsent, { body: { ...written(), purpose: "race" } })).body as {
        consent: Consent;
      }
    ).consent;
    const results = await Promise.all(
      [1, 2].map(() =>
        apiAs(server, counsellor).call(WithdrawConsent, {
          params: { consentId: given.id },
          body: { method: "written" },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const withdrawals = await server.ctx.db.db
      .selectFrom("consent_records")
      .select("id")
      .where("withdraws_id", "=", given.id)
      .execute();
    expect(withdrawals).toHaveLength(1);
  });

  it("checks need-to-know and tenant isolation", async () => {
    const body = written();
    // A counsellor outside the case's team: not found (as the case itself); the report office: forbidden;
    // another organisation: not found.
    expect((await apiAs(server, outsider).call(RecordConsent, { body })).status).toBe(404);
    expect((await apiAs(server, reportOffice).call(RecordConsent, { body })).status).toBe(403);
    expect((await apiAs(server, otherAdmin).call(RecordConsent, { body })).status).toBe(404);
    expect(
      (await apiAs(server, otherAdmin).call(RecordConsent, { body: { ...body, organisationId: other.orgId } })).status,
    ).toBe(404);
    // The client cannot use the staff routes.
    expect((await apiAs(server, client).call(RecordConsent, { body })).status).toBe(404);
    // Nothing in the future, no staff member from elsewhere.
    expect(
      (await apiAs(server, counsellor).call(RecordConsent, { body: { ...body, givenAt: clock.now() + 1 } })).status,
    ).toBe(400);
    expect(
      (await apiAs(server, counsellor).call(RecordConsent, { body: { ...body, staffPresentId: otherAdmin.id } }))
        .status,
    ).toBe(400);
  });

  it("lets clients give, list and withdraw their own consents online, and nobody else's", async () => {
    const mine: BodyOf<typeof GiveMyConsent> = {
      organisationId: org.orgId,
      capacity: "adult",
      purpose: "email_notice",
      recipients: ["Beratungsstelle"],
      channels: ["email"],
      textSha256: sha256Hex("E-Mail-Benachrichtigung"),
      language: "de",
    };
    const res = await apiAs(server, client).call(GiveMyConsent, { body: mine });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const consent = (res.body as { consent: Consent }).consent;
    expect(consent).toMatchObject({ subject: { type: "client" }, method: "online", givenBy: "subject", active: true });
    // For one's own case, yes; for someone else's case, not found.
    const stranger = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    expect((await apiAs(server, client).call(GiveMyConsent, { body: { ...mine, caseId } })).status).toBe(201);
    expect((await apiAs(server, stranger).call(GiveMyConsent, { body: { ...mine, caseId } })).status).toBe(404);
    expect((await apiAs(server, stranger).call(WithdrawMyConsent, { params: { consentId: consent.id } })).status).toBe(
      404,
    );
    const list = (await apiAs(server, client).call(ListMyConsents)).body as { consents: Consent[] };
    // The client sees every consent about them, also those staff recorded for their case.
    expect(list.consents.map((c) => c.purpose).sort()).toEqual(
      ["email_notice", "email_notice", "race", "referral", "transfer"].sort(),
    );
    expect(((await apiAs(server, stranger).call(ListMyConsents)).body as { consents: Consent[] }).consents).toEqual([]);
    clock.advance(1000);
    const w = await apiAs(server, client).call(WithdrawMyConsent, { params: { consentId: consent.id } });
    expect(w.status).toBe(201);
    expect((w.body as { consent: Consent }).consent).toMatchObject({ active: false, withdrawal: { method: "online" } });
    // Staff cannot use the client's routes.
    expect((await apiAs(server, counsellor).call(ListMyConsents)).status).toBe(403);
  });

  it("keeps channel preferences per client: only in-app until the client allows more", async () => {
    const db = server.ctx.db.db;
    const get = await apiAs(server, client).call(GetMyChannelPreferences);
    expect(get.body).toEqual({
      preferences: { inApp: true, emailNotice: false, push: false, phone: false, updatedAt: null },
    });
    expect(await mayNotify(db, client.id, "emailNotice")).toBe(false);
    const put = await apiAs(server, client).call(UpdateMyChannelPreferences, {
      body: {
        inApp: true,
        emailNotice: true,
        push: false,
        phone: false,
      },
    });
    expect(put.status).toBe(200);
    expect(await mayNotify(db, client.id, "emailNotice")).toBe(true);
    expect(await mayNotify(db, client.id, "push")).toBe(false);
    const params = { orgId: org.orgId, clientId: client.id };
    const staffView = await apiAs(server, counsellor).call(GetClientChannelPreferences, { params });
    expect(staffView.status).toBe(200);
    expect((staffView.body as { preferences: { emailNotice: boolean } }).preferences.emailNotice).toBe(true);
    expect((await apiAs(server, outsider).call(GetClientChannelPreferences, { params })).status).toBe(404);
    expect((await apiAs(server, otherAdmin).call(GetClientChannelPreferences, { params })).status).toBe(404);
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("actor_id", "=", client.id)
      .where("action", "=", "channels.updated")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
