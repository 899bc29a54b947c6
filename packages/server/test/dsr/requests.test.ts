// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type BodyOf,
  CloseDsrRequest,
  CreateDsrRequest,
  DsrReport,
  type DsrRequestView,
  ExtendDsrRequest,
  ListDsrRequests,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDsrReminders } from "../../src/modules/dsr/requests";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg, sendAs } from "../admin/support";
import { seedCase } from "../compliance/support";
import { api } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Data-subject requests received elsewhere (issue 7.5, COMPLIANCE 9): due
 * one month after receipt, extendable by two months with a reason, closed
 * as done or refused with a reason; the daily job records a reminder a week
 * before the deadline and one when it has passed, once each.
 */
const DAY = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)("data-subject requests (%s)", (dialect) => {
  // Noon in Berlin on 10 January 2026.
  const clock = manualClock(Date.UTC(2026, 0, 10, 11, 0));
  let server: TestServer;
  let org: SeededOrg;
  let other: SeededOrg;
  let dpo: SeededAccount;
  let admin: SeededAccount;
  let counsellor: SeededAccount;
  let foreignDpo: SeededAccount;

  const as = (a: SeededAccount) =>
    api(async (method, url, body) => {
      // The tests jump weeks ahead: keep the session alive.
      const now = clock.now();
      await server.ctx.db.db
        .updateTable("sessions")
        .set({ created_at: now, last_seen_at: now, expires_at: now + 3600_000 })
        .where("account_id", "=", a.id)
        .execute();
      return sendAs(server, a.cookie)(method, url, body);
    });
  const base = () => `/api/organisations/${org.orgId}/dsr-requests`;
  const audit = (action: string, id: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "data", "actor_id"])
      .where("action", "=", action)
      .where("target_id", "=", id)
      .execute();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    org = await seedOrg(db, clock.now());
    other = await seedOrg(db, clock.now());
    dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo", now: clock.now() });
    admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    counsellor = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
      now: clock.now(),
    });
    foreignDpo = await seedAccount(db, { orgId: other.orgId, role: "dpo", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  async function register(body: BodyOf<typeof CreateDsrRequest>, who = dpo): Promise<DsrRequestView> {
    const res = await as(who).call(CreateDsrRequest, { params: { orgId: org.orgId }, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { request: DsrRequestView }).request;
  }

  it("registers a request with a free reference: due one month after receipt (end of a shorter month), audited without the reference", async () => {
    clock.set(Date.UTC(2026, 1, 2, 11, 0));
    const r = await register({
      type: "access",
      subject: { type: "reference", reference: "Brief vom 31.01., Az. 17/26" },
      receivedOn: "2026-01-31",
    });
    expect(r).toMatchObject({
      type: "access",
      subject: { type: "reference", reference: "Brief vom 31.01., Az. 17/26" },
      receivedOn: "2026-01-31",
      originalDueOn: "2026-02-28",
      dueOn: "2026-02-28",
      extensionMonths: 0,
      status: "open",
      createdBy: dpo.id,
      attention: null,
    });
    const [entry] = await audit("dsr.request_registered", r.id);
    expect(entry!.actor_id).toBe(dpo.id);
    expect(entry!.data).not.toContain("Az. 17");
    expect(JSON.parse(entry!.data)).toEqual({
      type: "access",
      subjectType: "reference",
      receivedOn: "2026-01-31",
      dueOn: "2026-02-28",
    });
  });

  it("client and case subjects must belong to the organisation; a future receipt date is refused", async () => {
    const db = server.ctx.db.db;
    const { caseId, client } = await seedCase(db, { orgId: org.orgId, teamId: org.teamId, now: clock.now() });
    const today = "2026-02-02";
    expect((await register({ type: "erasure", subject: { type: "case", caseId }, receivedOn: today })).subject).toEqual(
      { type: "case", caseId },
    );
    expect(
      (
        await register(
          { type: "objection", subject: { type: "client", clientId: client.id }, receivedOn: today },
          admin,
        )
      ).subject,
    ).toEqual({ type: "client", clientId: client.id });
    const foreign = await seedCase(db, { orgId: other.orgId, teamId: other.teamId, now: clock.now() });
    expect(
      (
        await as(dpo).call(CreateDsrRequest, {
          params: { orgId: org.orgId },
          body: {
            type: "access",
            subject: { type: "case", caseId: foreign.caseId },
            receivedOn: today,
          },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await as(dpo).call(CreateDsrRequest, {
          params: { orgId: org.orgId },
          body: {
            type: "access",
            subject: { type: "client", clientId: foreign.client.id },
            receivedOn: today,
          },
        })
      ).status,
    ).toBe(404);
    const future = await as(dpo).call(CreateDsrRequest, {
      params: { orgId: org.orgId },
      body: {
        type: "access",
        subject: { type: "reference", reference: "x" },
        receivedOn: "2026-02-03",
      },
    });
    expect(future.status).toBe(400);
    const badDate = await as(dpo).call(CreateDsrRequest, {
      params: { orgId: org.orgId },
      body: {
        type: "access",
        subject: { type: "reference", reference: "x" },
        receivedOn: "2026-02-30",
      },
    });
    expect(badDate.status).toBe(400);
  });

  it("only the DPO and admins of the organisation handle requests", async () => {
    const body: BodyOf<typeof CreateDsrRequest> = {
      type: "access",
      subject: { type: "reference", reference: "R" },
      receivedOn: "2026-02-01",
    };
    expect((await as(counsellor).call(CreateDsrRequest, { params: { orgId: org.orgId }, body })).status).toBe(403);
    expect((await as(counsellor).call(ListDsrRequests, { params: { orgId: org.orgId } })).status).toBe(403);
    expect((await as(foreignDpo).call(CreateDsrRequest, { params: { orgId: org.orgId }, body })).status).toBe(404);
    expect((await as(foreignDpo).call(ListDsrRequests, { params: { orgId: org.orgId } })).status).toBe(404);
    const mine = await register(body);
    const foreignExtend = await as(foreignDpo).call(ExtendDsrRequest, {
      params: { orgId: other.orgId, requestId: mine.id },
      body: { months: 1, reason: "Umfangreiche Akten, Rückfragen beim Träger" },
    });
    expect(foreignExtend.status).toBe(404);
  });

  it("extends by at most two months in total, each time with a reason (audited without the reason)", async () => {
    const r = await register({
      type: "portability",
      subject: { type: "reference", reference: "E-Mail 2026-01-20" },
      receivedOn: "2026-01-20",
    });
    expect(r.dueOn).toBe("2026-02-20");
    const url = `${base()}/${r.id}/extend`;
    expect((await as(dpo).callRaw("POST", url, { months: 1 })).status).toBe(400);
    expect(
      (
        await as(dpo).call(ExtendDsrRequest, {
          params: { orgId: org.orgId, requestId: r.id },
          body: { months: 1, reason: "zu kurz" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await as(dpo).call(ExtendDsrRequest, {
          params: { orgId: org.orgId, requestId: r.id },
          body: { months: 3, reason: "Sehr umfangreiche Anfrage" },
        })
      ).status,
    ).toBe(400);
    const once = await as(dpo).call(ExtendDsrRequest, {
      params: { orgId: org.orgId, requestId: r.id },
      body: { months: 1, reason: "Viele Fälle, Abstimmung mit zwei Teams" },
    });
    expect(once.status, JSON.stringify(once.body)).toBe(200);
    expect((once.body as { request: DsrRequestView }).request).toMatchObject({
      status: "extended",
      extensionMonths: 1,
      dueOn: "2026-03-20",
      originalDueOn: "2026-02-20",
      extensionReason: "Viele Fälle, Abstimmung mit zwei Teams",
    });
    const tooMuch = await as(dpo).call(ExtendDsrRequest, {
      params: { orgId: org.orgId, requestId: r.id },
      body: { months: 2, reason: "Noch mehr Zeit wäre schön" },
    });
    expect(tooMuch.status).toBe(409);
    const twice = await as(admin).call(ExtendDsrRequest, {
      params: { orgId: org.orgId, requestId: r.id },
      body: { months: 1, reason: "Rückmeldung des Jugendamts steht aus" },
    });
    expect((twice.body as { request: DsrRequestView }).request).toMatchObject({
      extensionMonths: 2,
      dueOn: "2026-04-20",
    });
    const entries = await audit("dsr.request_extended", r.id);
    expect(entries.map((e) => JSON.parse(e.data))).toEqual([
      { months: 1, totalMonths: 1, dueOn: "2026-03-20", reasonGiven: true },
      { months: 1, totalMonths: 2, dueOn: "2026-04-20", reasonGiven: true },
    ]);
    expect(entries.map((e) => e.data).join()).not.toContain("Jugendamt");
  });

  it("closes as done, or refused only with a reason; a closed request cannot change", async () => {
    const a = await register({
      type: "rectification",
      subject: { type: "reference", reference: "A" },
      receivedOn: "2026-02-01",
    });
    const b = await register({
      type: "erasure",
      subject: { type: "reference", reference: "B" },
      receivedOn: "2026-02-01",
    });
    const done = await as(dpo).call(CloseDsrRequest, {
      params: { orgId: org.orgId, requestId: a.id },
      body: { outcome: "done" },
    });
    expect((done.body as { request: DsrRequestView }).request).toMatchObject({ status: "done", closedBy: dpo.id });
    expect(
      (
        await as(dpo).call(CloseDsrRequest, {
          params: { orgId: org.orgId, requestId: b.id },
          body: { outcome: "refused" },
        })
      ).status,
    ).toBe(400);
    const refused = await as(dpo).call(CloseDsrRequest, {
      params: { orgId: org.orgId, requestId: b.id },
      body: {
        outcome: "refused",
        reason: "Aufbewahrungspflicht nach § 35 SGB I, Art. 17 Abs. 3 b",
      },
    });
    expect((refused.body as { request: DsrRequestView }).request).toMatchObject({
      status: "refused",
      closedReason: "Aufbewahrungspflicht nach § 35 SGB I, Art. 17 Abs. 3 b",
    });
    expect(
      (
        await as(dpo).call(CloseDsrRequest, {
          params: { orgId: org.orgId, requestId: a.id },
          body: { outcome: "done" },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await as(dpo).call(ExtendDsrRequest, {
          params: { orgId: org.orgId, requestId: a.id },
          body: { months: 1, reason: "Zu spät für eine Verlängerung" },
        })
      ).status,
    ).toBe(409);
    expect(await audit("dsr.request_refused", b.id)).toHaveLength(1);
  });

  it("reminders: once seven days before the due date, once when overdue; an extension starts over; list and report show it", async () => {
    const db = server.ctx.db.db;
    clock.set(Date.UTC(2026, 2, 1, 11, 0)); // 1 March
    const r = await register({
      type: "access",
      subject: { type: "reference", reference: "Reminder" },
      receivedOn: "2026-03-01",
    });
    expect(r.dueOn).toBe("2026-04-01");
    // Other requests of earlier tests are in the same organisation; count only this one.
    const remindersOf = async () =>
      (await audit("dsr.reminder", r.id)).map((e) => JSON.parse(e.data) as { kind: string; dueOn: string });

    clock.set(Date.UTC(2026, 2, 24, 11, 0)); // 24 March: eight days before
    await runDsrReminders(server.ctx, clock.now());
    expect(await remindersOf()).toEqual([]);

    clock.set(Date.UTC(2026, 2, 25, 11, 0)); // 25 March: seven days before
    await runDsrReminders(server.ctx, clock.now());
    await runDsrReminders(server.ctx, clock.now() + DAY);
    expect(await remindersOf()).toEqual([{ kind: "due_soon", dueOn: "2026-04-01" }]);
    const listed = await as(dpo).call(ListDsrRequests, { params: { orgId: org.orgId }, query: { state: "pending" } });
    const view = (listed.body as { requests: DsrRequestView[]; today: string }).requests.find((x) => x.id === r.id)!;
    expect(view.attention).toBe("due_soon");
    expect(view.remindedDueSoonAt).toBe(Date.UTC(2026, 2, 25, 11, 0));

    clock.set(Date.UTC(2026, 3, 1, 20, 0)); // due day itself: not yet overdue
    await runDsrReminders(server.ctx, clock.now());
    expect(await remindersOf()).toHaveLength(1);
    clock.set(Date.UTC(2026, 3, 2, 8, 0)); // 2 April
    await runDsrReminders(server.ctx, clock.now());
    await runDsrReminders(server.ctx, clock.now());
    expect(await remindersOf()).toEqual([
      { kind: "due_soon", dueOn: "2026-04-01" },
      { kind: "overdue", dueOn: "2026-04-01" },
    ]);
    const report = await as(dpo).call(DsrReport, { params: { orgId: org.orgId } });
    expect(report.status).toBe(200);
    expect((report.body as { overdue: number }).overdue).toBeGreaterThanOrEqual(1);

    // Extended (late, with a reason): new due date, reminders again for it.
    const ext = await as(dpo).call(ExtendDsrRequest, {
      params: { orgId: org.orgId, requestId: r.id },
      body: {
        months: 1,
        reason: "Identität erst am 30.03. geklärt",
      },
    });
    expect((ext.body as { request: DsrRequestView }).request).toMatchObject({
      dueOn: "2026-05-01",
      attention: null,
      remindedDueSoonAt: null,
      remindedOverdueAt: null,
    });
    clock.set(Date.UTC(2026, 3, 24, 11, 0));
    await runDsrReminders(server.ctx, clock.now());
    expect((await remindersOf()).at(-1)).toEqual({ kind: "due_soon", dueOn: "2026-05-01" });

    // Closed (late, after 1 May) requests get no more reminders.
    clock.set(Date.UTC(2026, 4, 10, 11, 0));
    await as(dpo).call(CloseDsrRequest, { params: { orgId: org.orgId, requestId: r.id }, body: { outcome: "done" } });
    expect(JSON.parse((await audit("dsr.request_done", r.id))[0]!.data)).toMatchObject({ late: true });
    await runDsrReminders(server.ctx, clock.now());
    expect(await remindersOf()).toHaveLength(3);
    const row = await db.selectFrom("dsr_requests").selectAll().where("id", "=", r.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("done");
    const final = await as(dpo).call(DsrReport, { params: { orgId: org.orgId } });
    expect((final.body as { closedLate: number }).closedLate).toBe(1);
  });

  it("the reminder job is registered with the scheduler", async () => {
    const { registerHousekeeping } = await import("../../src/app/housekeeping");
    const names: string[] = [];
    registerHousekeeping({ register: (job) => names.push(job.name) }, server.ctx);
    expect(names).toContain("dsr-reminders");
  });
});
