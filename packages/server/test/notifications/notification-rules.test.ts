// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AddMyPushSubscription,
  ConfirmNotifyEmail,
  GetMyNotificationRules,
  GetMyNotifications,
  GetMyNotifyEmail,
  GetMyPushSubscriptions,
  GetNotificationSettings,
  OpenCase,
  PutMyNotificationRules,
  PutNotificationSettings,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";
import { enqueueNotice } from "../../src/modules/notifications/email-job";
import { isQuiet, quietEnd, type QuietWindow } from "../../src/modules/notifications/quiet-time";

/**
 * Rules for notices (issue #17, ADR 0044): a person's switches per event and
 * channel with privacy defaults, the organisation's rules (channels on at all,
 * clients' e-mail), both asked by every sender; quiet hours over weekends.
 * Against a real SMTP server process, SQLite and PostgreSQL.
 */
describe.each(DIALECTS)("notification rules (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  const clock = manualClock(Date.UTC(2027, 2, 3, 10, 0));
  const annaAddress = `anna-${rid("x")}@beratung.example`;

  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });
  const as = async (a: SeededAccount) => apiAs(server, await fresh(a));

  /** A new client opens a case: a new enquiry for the intake team. */
  async function enquire(): Promise<void> {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const opened = await (
      await as(client)
    ).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  }
  const enquiryBell = async (a: SeededAccount) =>
    (await (await as(a)).call(GetMyNotifications)).body.items.filter((i) => i.kind === "new_enquiry").length;
  const emailJobs = async () =>
    (await server.ctx.db.db.selectFrom("job_queue").select("id").where("job", "=", EMAIL_NOTICE_JOB).execute()).length;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo", now: clock.now() });
    const anna = await as(f.anna);
    expect((await anna.call(SetMyNotifyEmail, { body: { address: annaAddress, language: "de" } })).status).toBe(200);
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("lists each role's events on its channels with the privacy defaults", async () => {
    const anna = (await (await as(f.anna)).call(GetMyNotificationRules)).body;
    // Her three case events and a training due (ADR 0048), each on bell, e-mail and push.
    expect(anna.rules).toHaveLength(12);
    for (const r of anna.rules) expect(r.on).toBe(r.channel !== "email");
    const lead = (await (await as(f.lead)).call(GetMyNotificationRules)).body;
    expect([...new Set(lead.rules.map((r) => r.kind))]).toEqual([
      "new_enquiry",
      "new_message",
      "handed_to_me",
      "break_glass",
      "enquiry_waiting",
      "assignee_absent",
      "training_due",
    ]);
    const mine = (await (await as(dpo)).call(GetMyNotificationRules)).body;
    // The DPO's duties reach a confirmed address by default; the DPO has no push.
    expect(mine.rules.filter((r) => r.channel === "email" && r.on).map((r) => r.kind)).toEqual([
      "dsr_due_soon",
      "dsr_overdue",
      "audit_chain_failed",
      "breach_due_soon",
      "breach_overdue",
    ]);
    expect(mine.rules.some((r) => r.channel === "push")).toBe(false);
    // A client switches their one kind in the e-mail and push sections, not here.
    expect((await (await as(f.client)).call(GetMyNotificationRules)).status).toBe(403);
  });

  it("by default a confirmed address gets no mail of a new enquiry; the bell does", async () => {
    await enquire();
    expect(await enquiryBell(f.anna)).toBe(1);
    expect(await enquiryBell(f.ben)).toBe(1);
    expect(await emailJobs()).toBe(0);
  });

  it("switches per event and channel: bell off, e-mail on — the sender obeys both", async () => {
    const anna = await as(f.anna);
    const put = await anna.call(PutMyNotificationRules, {
      body: {
        rules: [
          { kind: "new_enquiry", channel: "bell", on: false },
          { kind: "new_enquiry", channel: "email", on: true },
        ],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.rules.filter((r) => r.kind === "new_enquiry")).toEqual([
      { kind: "new_enquiry", channel: "bell", on: false },
      { kind: "new_enquiry", channel: "email", on: true },
      { kind: "new_enquiry", channel: "push", on: true },
    ]);
    // The older switch of the e-mail section reads the same rule.
    expect((await anna.call(GetMyNotifyEmail)).body.newEnquiry).toBe(true);
    await enquire();
    expect(await enquiryBell(f.anna)).toBe(1);
    expect(await enquiryBell(f.ben)).toBe(2);
    server.ctx.jobs.wake();
    const mails = await smtp.waitForMails(2);
    expect(mails[1]!.to).toMatchObject({ value: [{ address: annaAddress }] });
    expect(mails[1]!.subject).toBe("Eine neue Anfrage");
    // Audited that rules changed and how many, not which.
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "notification_rules.updated")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ count: 2 }]);
  });

  it("refuses a rule for another role's event", async () => {
    const res = await (
      await as(f.anna)
    ).call(PutMyNotificationRules, {
      body: { rules: [{ kind: "dsr_overdue", channel: "bell", on: true }] },
    });
    expect(res.status).toBe(400);
  });

  it("the organisation switches e-mail and push off: nothing is queued, nothing offered, subscribing refused", async () => {
    const admin = await as(f.admin);
    const put = await admin.call(PutNotificationSettings, {
      params: { orgId: f.orgId },
      body: { senderName: "Ihre Beratungsstelle", emailEnabled: false, pushEnabled: false, enquiryWaitHours: 24 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await admin.call(GetNotificationSettings, { params: { orgId: f.orgId } })).body).toEqual({
      senderName: "Ihre Beratungsstelle",
      emailEnabled: false,
      pushEnabled: false,
      clientEmail: true,
      enquiryWaitHours: 24,
      officeHours: null,
    });
    const anna = await as(f.anna);
    expect((await anna.call(GetMyNotificationRules)).body.rules.map((r) => r.channel)).toEqual(Array(4).fill("bell"));
    expect((await anna.call(GetMyNotifyEmail)).body.available).toBe(false);
    expect((await anna.call(GetMyPushSubscriptions)).body.available).toBe(false);
    const sub = await anna.call(AddMyPushSubscription, {
      body: {
        deviceId: rid("d"),
        endpoint: "https://fcm.googleapis.com/fcm/send/x",
        keys: { p256dh: "a".repeat(87), auth: "b".repeat(22) },
      },
    });
    expect(sub.status).toBe(403);
    const refused = await anna.call(PutMyNotificationRules, {
      body: { rules: [{ kind: "new_enquiry", channel: "email", on: true }] },
    });
    expect(refused.status).toBe(400);
    const before = await emailJobs();
    await enquire();
    expect(await emailJobs()).toBe(before);
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("a notice queued before the switch-off is not sent (checked again at sending)", async () => {
    // E-mail is off (previous step); a job queued while it was on still runs every check when claimed.
    await enqueueNotice(server.ctx.db.db, clock.now(), `enquiry:${rid("c")}`, {
      kind: "new_enquiry",
      eventAt: clock.now(),
      recipientId: f.anna.id,
      organisationId: f.orgId,
      form: "formal",
    });
    server.ctx.jobs.wake();
    await vi.waitFor(
      async () => {
        const rows = await server.ctx.db.db
          .selectFrom("job_queue")
          .selectAll()
          .where("job", "=", EMAIL_NOTICE_JOB)
          .execute();
        expect(rows.every((r) => r.done_at !== null)).toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("clients may not use e-mail notices when the organisation says so", async () => {
    const admin = await as(f.admin);
    await admin.call(PutNotificationSettings, {
      params: { orgId: f.orgId },
      body: { senderName: "Ihre Beratungsstelle", emailEnabled: true, clientEmail: false },
    });
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const api = await as(client);
    expect(
      (await api.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) })).status,
    ).toBe(201);
    expect((await api.call(GetMyNotifyEmail)).body.available).toBe(false);
    const set = await api.call(SetMyNotifyEmail, { body: { address: `k-${rid("x")}@example.org`, language: "de" } });
    expect(set.status).toBe(403);
    // Staff still may.
    expect((await (await as(f.anna)).call(GetMyNotifyEmail)).body.available).toBe(true);
  });
});

describe("quiet hours that include weekends", () => {
  const berlin = (d: number, h: number, m = 0) => Date.UTC(2027, 2, d, h - 1, m); // March 2027: CET (UTC+1)
  const nightly: QuietWindow = { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: "Europe/Berlin" };
  const withWeekends: QuietWindow = { ...nightly, weekends: true };

  it("Saturday noon is quiet only with weekends; Friday noon never", () => {
    // 2027-03-05 is a Friday, 03-06 Saturday, 03-08 Monday.
    expect(isQuiet(berlin(6, 12), nightly)).toBe(false);
    expect(isQuiet(berlin(6, 12), withWeekends)).toBe(true);
    expect(isQuiet(berlin(5, 12), withWeekends)).toBe(false);
    expect(isQuiet(berlin(8, 12), withWeekends)).toBe(false);
  });

  it("a notice on Friday night or at the weekend waits for Monday 07:00, across the night span", () => {
    expect(quietEnd(berlin(5, 23), withWeekends)).toBe(berlin(8, 7));
    expect(quietEnd(berlin(6, 12), withWeekends)).toBe(berlin(8, 7));
    expect(quietEnd(berlin(7, 23, 30), withWeekends)).toBe(berlin(8, 7));
    // Without weekends, Friday night ends on Saturday morning.
    expect(quietEnd(berlin(5, 23), nightly)).toBe(berlin(6, 7));
  });

  it("with a daytime span the weekend ends at Monday's midnight", () => {
    const daytime: QuietWindow = {
      startMinute: 12 * 60,
      endMinute: 13 * 60,
      timeZone: "Europe/Berlin",
      weekends: true,
    };
    expect(quietEnd(berlin(6, 9), daytime)).toBe(berlin(8, 0));
  });

  it("over the spring clock change (Sunday 28 March 2027) Monday 07:00 is summer time", () => {
    // 2027-03-27 Saturday; Monday 29th 07:00 CEST = 05:00 UTC.
    expect(quietEnd(Date.UTC(2027, 2, 27, 11, 0), withWeekends)).toBe(Date.UTC(2027, 2, 29, 5, 0));
  });
});
