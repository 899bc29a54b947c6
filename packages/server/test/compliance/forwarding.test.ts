// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type BodyOf,
  CheckForwarding,
  GiveMyConsent,
  ListMyConsents,
  RecordConsent,
  WithdrawMyConsent,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedCase, sha256Hex } from "./support";

/**
 * The forwarding gate (issue 7.2, COMPLIANCE 1–2): data leaves Obhut only
 * with an active matching consent or a legal basis plus a written reason;
 * a client's withdrawal blocks the next forward; every answer is stored
 * and audited.
 */
type Decision = { id: string; allowed: true; basis: { type: string; consentId?: string; legalBasis?: string } };

describe.each(DIALECTS)("forwarding gate (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let counsellor: SeededAccount;
  let client: SeededAccount;
  let caseId: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    org = await seedOrg(db, clock.now());
    counsellor = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
      now: clock.now(),
    });
    const seeded = await seedCase(db, { orgId: org.orgId, teamId: org.teamId, now: clock.now() });
    caseId = seeded.caseId;
    client = seeded.client;
  });
  afterAll(async () => server?.stop());

  const check = (extra: Record<string, unknown> = {}) =>
    apiAs(server, counsellor).call(CheckForwarding, {
      body: {
        organisationId: org.orgId,
        caseId,
        purpose: "referral",
        recipient: "Schuldnerberatung Nord",
        channel: "email",
        ...extra,
      },
    });

  async function decisions(outcome: "allowed" | "refused") {
    return server.ctx.db.db
      .selectFrom("forwarding_decisions")
      .selectAll()
      .where("outcome", "=", outcome)
      .orderBy("decided_at")
      .execute();
  }

  it("refuses a forward with neither consent nor legal basis, with a stable code, and records and audits the refusal", async () => {
    const res = await check();
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("forwarding_refused");
    const [refused] = await decisions("refused");
    expect(refused).toMatchObject({ subject_type: "case", subject_id: caseId, channel: "email", consent_id: null });
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id", "data"])
      .where("target_id", "=", refused!.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("forwarding.refused");
    expect(audit.actor_id).toBe(counsellor.id);
    // The recipient's name stays out of the audit chain.
    expect(audit.data).not.toContain("Schuldnerberatung");
  });

  it("allows what an active consent covers (purpose, recipient, channel), and nothing else", async () => {
    const give = await apiAs(server, client).call(GiveMyConsent, {
      body: {
        organisationId: org.orgId,
        capacity: "adult",
        purpose: "referral",
        recipients: ["Schuldnerberatung Nord"],
        channels: ["email"],
        textSha256: sha256Hex("Ich bin einverstanden, dass …"),
        language: "de",
      },
    });
    expect(give.status).toBe(201);
    const consentId = (give.body as { consent: { id: string } }).consent.id;

    const ok = await check({ recipient: "  schuldnerberatung   NORD " });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((ok.body as { decision: Decision }).decision).toMatchObject({
      allowed: true,
      basis: { type: "consent", consentId },
    });
    expect((await check({ channel: "fax" })).status).toBe(403);
    expect((await check({ recipient: "Jobcenter" })).status).toBe(403);
    expect((await check({ purpose: "research" })).status).toBe(403);
    // A client-level consent also covers the client's case; the same question by client id works too.
    expect((await check({ caseId: undefined, clientId: client.id })).status).toBe(200);
  });

  it("refuses after the client withdraws the consent — and audits it", async () => {
    const mine = (await apiAs(server, client).call(ListMyConsents)).body as {
      consents: { id: string; purpose: string; active: boolean }[];
    };
    const consent = mine.consents.find((c) => c.purpose === "referral" && c.active)!;
    clock.advance(1000);
    expect((await apiAs(server, client).call(WithdrawMyConsent, { params: { consentId: consent.id } })).status).toBe(
      201,
    );
    const res = await check();
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("forwarding_refused");
    const last = (await decisions("refused")).at(-1)!;
    expect(last.decided_at).toBe(clock.now());
    const actions = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("organisation_id", "=", org.orgId)
      .where("action", "like", "forwarding.%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action).at(-1)).toBe("forwarding.refused");
  });

  it("allows with a legal basis only together with a written reason, which is kept for the DPO but not audited", async () => {
    const noReason = await check({ legalBasis: "stgb_34_emergency" });
    expect(noReason.status).toBe(400);
    const tooShort = await check({ legalBasis: "stgb_34_emergency", reason: "weil" });
    expect(tooShort.status).toBe(400);
    const unknownBasis = await check({ legalBasis: "because_i_said_so", reason: "a sufficiently long reason" });
    expect(unknownBasis.status).toBe(400);
    const reason = "Akute Selbstgefährdung angekündigt, Notarzt informiert (§34 StGB)";
    const ok = await check({ legalBasis: "stgb_34_emergency", reason, recipient: "Rettungsdienst", channel: "phone" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const decision = (ok.body as { decision: Decision }).decision;
    expect(decision.basis).toEqual({ type: "legal_basis", legalBasis: "stgb_34_emergency" });
    const row = await server.ctx.db.db
      .selectFrom("forwarding_decisions")
      .selectAll()
      .where("id", "=", decision.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outcome: "allowed", legal_basis: "stgb_34_emergency", reason, consent_id: null });
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("target_id", "=", decision.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("forwarding.allowed");
    expect(JSON.parse(audit.data)).toMatchObject({ basis: "stgb_34_emergency", channel: "phone" });
    expect(audit.data).not.toContain("Selbstgefährdung");
  });

  it("respects consent expiry and case scope: a case consent does not cover the client in general", async () => {
    const now = clock.now();
    const res = await apiAs(server, counsellor).call(RecordConsent, {
      body: {
        organisationId: org.orgId,
        subject: { type: "case", caseId },
        givenBy: "subject",
        capacity: "adult",
        purpose: "transfer",
        recipients: ["Träger Süd"],
        channels: ["transfer"],
        textSha256: sha256Hex("Übergabe an Träger Süd"),
        language: "de",
        method: "verbal",
        expiresAt: now + 10 * 60_000,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ask = { purpose: "transfer", recipient: "Träger Süd", channel: "transfer" };
    expect((await check(ask)).status).toBe(200);
    expect((await check({ ...ask, caseId: undefined, clientId: client.id })).status).toBe(403);
    clock.advance(10 * 60_000);
    expect((await check(ask)).status).toBe(403);
  });

  it("is only for staff with access to the case", async () => {
    const db = server.ctx.db.db;
    const outsider = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    const other = await seedOrg(db, clock.now());
    const foreignAdmin = await seedAccount(db, { orgId: other.orgId, role: "org_admin", now: clock.now() });
    const body: BodyOf<typeof CheckForwarding> = {
      organisationId: org.orgId,
      caseId,
      purpose: "referral",
      recipient: "x",
      channel: "email",
      legalBasis: "gdpr_6_1_c_legal_obligation",
      reason: "Gerichtliche Anordnung vom 1.11.",
    };
    const count = async () => (await db.selectFrom("forwarding_decisions").select("id").execute()).length;
    const before = await count();
    expect((await apiAs(server, outsider).call(CheckForwarding, { body })).status).toBe(404);
    expect((await apiAs(server, foreignAdmin).call(CheckForwarding, { body })).status).toBe(404);
    expect((await apiAs(server, client).call(CheckForwarding, { body })).status).toBe(404);
    expect(await count()).toBe(before);
  });
});
