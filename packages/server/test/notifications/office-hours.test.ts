// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  ConfirmNotifyEmail,
  GetNotificationSettings,
  OpenCase,
  PutMyQuietHours,
  PutNotificationSettings,
  SendMessage,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { noticeQueue } from "./support";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB, NOTICE_MAX_AGE_MS, pruneDeferred } from "../../src/modules/notifications";
import { DIGEST_JOB } from "../../src/modules/notifications/defer";

/**
 * The organisation's office hours (issue #17, ADR 0051) against a real SMTP
 * server, with an injected clock: Monday to Friday 09:00–16:00 Europe/Berlin.
 * Enquiries on a Saturday reach a counsellor by e-mail as one digest on
 * Monday at 09:00 (not before, and not dropped for being older than a day);
 * in office hours a notice goes at once; the client's notices of an answer
 * are never held by the office's hours; her own quiet hours and the office's
 * closed time follow one another.
 */
const SENDER = "Ihre Beratungsstelle";
const BERLIN = "Europe/Berlin";
const OFFICE = { days: [1, 2, 3, 4, 5], start: "09:00", end: "16:00", timeZone: BERLIN };

describe.each(DIALECTS)("office hours hold staff's notices of case work (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  // Saturday 6 March 2027, 11:00 in Berlin (CET, UTC+1).
  const clock = manualClock(Date.UTC(2027, 2, 6, 10, 0));
  const annaAddress = `anna-${rid("x")}@beratung.example`;
  const clientAddress = `klient-${rid("x")}@example.org`;

  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });

  const { settled } = noticeQueue({
    server: () => server,
    now: () => clock.now(),
    jobs: [EMAIL_NOTICE_JOB, DIGEST_JOB],
  });

  async function enquiry(): Promise<{ client: SeededAccount; caseId: string; conversationId: string }> {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const opened = await apiAs(server, client).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const c = opened.body.case as { id: string; conversationId: string };
    return { client, caseId: c.id, conversationId: c.conversationId };
  }

  const token = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    f = await seedCounselling(server.ctx.db.db);
    const anna = apiAs(server, await fresh(f.anna));
    expect(
      (await anna.call(SetMyNotifyEmail, { body: { address: annaAddress, language: "de", newEnquiry: true } })).status,
    ).toBe(200);
    const [confirm] = await smtp.waitForMails(1);
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token: token(confirm!.text!) } })).status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("an admin sets office hours; wrong ones are refused and nothing changes", async () => {
    const admin = apiAs(server, await fresh(f.admin));
    for (const officeHours of [
      { ...OFFICE, end: "08:00" },
      { ...OFFICE, days: [] },
      { ...OFFICE, days: [1, 1] },
      { ...OFFICE, days: [7] },
      { ...OFFICE, timeZone: "Mars/Olympus" },
      { ...OFFICE, start: "9 Uhr" },
    ]) {
      const res = await admin.call(PutNotificationSettings, {
        params: { orgId: f.orgId },
        body: { senderName: SENDER, officeHours },
      });
      expect(res.status, JSON.stringify(officeHours)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: "invalid_body" } });
    }
    expect((await admin.call(GetNotificationSettings, { params: { orgId: f.orgId } })).body).toMatchObject({
      officeHours: null,
    });
    // A counsellor may not set them.
    const anna = apiAs(server, await fresh(f.anna));
    expect(
      (
        await anna.call(PutNotificationSettings, {
          params: { orgId: f.orgId },
          body: { senderName: SENDER, officeHours: OFFICE },
        })
      ).status,
    ).toBe(403);

    const set = await admin.call(PutNotificationSettings, {
      params: { orgId: f.orgId },
      body: { senderName: SENDER, officeHours: { ...OFFICE, days: [5, 1, 3, 2, 4] } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ officeHours: OFFICE });
    expect((await admin.call(GetNotificationSettings, { params: { orgId: f.orgId } })).body).toMatchObject({
      officeHours: OFFICE,
    });
    // Another change leaves them as they are.
    const other = await admin.call(PutNotificationSettings, {
      params: { orgId: f.orgId },
      body: { senderName: SENDER, enquiryWaitHours: 24 },
    });
    expect(other.body).toMatchObject({ officeHours: OFFICE, enquiryWaitHours: 24 });
  });

  it("enquiries on a Saturday reach the counsellor as one digest on Monday at 09:00", async () => {
    await enquiry();
    clock.advance(20 * 60_000);
    await enquiry();
    const rows = await settled();
    expect(await smtp.mails()).toHaveLength(1);
    const digests = rows.filter((r) => r.job === DIGEST_JOB);
    expect(digests).toHaveLength(1);
    // Monday 8 March 2027, 09:00 in Berlin: 08:00 UTC.
    expect(Number(digests[0]!.run_at)).toBe(Date.UTC(2027, 2, 8, 8, 0));

    clock.set(Date.UTC(2027, 2, 8, 7, 59));
    await settled();
    expect(await smtp.mails()).toHaveLength(1);
    // Housekeeping's pruning of held notices counts a day from the end of the hold, not from Saturday.
    expect(await pruneDeferred(server.ctx.db.db, clock.now() - NOTICE_MAX_AGE_MS)).toBe(0);

    // Two days after the enquiries: they count from the opening, so they are not dropped as stale.
    clock.set(Date.UTC(2027, 2, 8, 8, 0));
    server.ctx.jobs.wake(); // the digest is due now: no waiting for the queue's next look
    const mails = await smtp.waitForMails(2);
    await settled();
    expect(mails[1]!.to).toMatchObject({ value: [{ address: annaAddress }] });
    expect(mails[1]!.subject).toBe("2 neue Benachrichtigungen");
    expect(await server.ctx.db.db.selectFrom("notification_deferred").selectAll().execute()).toEqual([]);
  });

  it("in office hours an enquiry is mailed at once", async () => {
    clock.set(Date.UTC(2027, 2, 8, 10, 0)); // Monday 11:00 in Berlin
    await enquiry();
    const mails = await smtp.waitForMails(3);
    expect(mails[2]!.subject).toBe("Eine neue Anfrage");
    await settled();
  });

  it("the client's notice of an answer is not held by the office's hours", async () => {
    clock.advance(20 * 60_000); // past the bound of one notice of a kind per quarter hour
    const c = await enquiry();
    await settled();
    const clientApi = apiAs(server, await fresh(c.client));
    expect((await clientApi.call(SetMyNotifyEmail, { body: { address: clientAddress, language: "de" } })).status).toBe(
      200,
    );
    const confirm = (await smtp.waitForMails(5))[4]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token: token(confirm.text!) } })).status).toBe(204);
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId: c.caseId } })).status).toBe(
      200,
    );
    clock.set(Date.UTC(2027, 2, 8, 19, 0)); // Monday 20:00 in Berlin: the office is closed.
    const answered = await apiAs(server, await fresh(f.ben)).call(SendMessage, {
      params: { id: c.conversationId },
      body: { clientMsgId: rid("cm"), envelope: Buffer.from("Antwort").toString("base64url") },
    });
    expect(answered.status).toBe(201);
    const mails = await smtp.waitForMails(6);
    expect(mails[5]!.to).toMatchObject({ value: [{ address: clientAddress }] });
    await settled();
  });

  it("the counsellor's own quiet hours and the closed office follow one another", async () => {
    const anna = apiAs(server, await fresh(f.anna));
    // Quiet from 08:00 to 10:00 on her clock: closed until 09:00, then quiet until 10:00.
    expect(
      (
        await anna.call(PutMyQuietHours, {
          body: { quietHours: { start: "08:00", end: "10:00", timeZone: BERLIN } },
        })
      ).status,
    ).toBe(200);
    const before = (await smtp.mails()).length;
    clock.set(Date.UTC(2027, 2, 9, 5, 0)); // Tuesday 06:00 in Berlin
    await enquiry();
    const rows = await settled();
    const digest = rows.filter((r) => r.job === DIGEST_JOB).at(-1)!;
    expect(Number(digest.run_at)).toBe(Date.UTC(2027, 2, 9, 9, 0)); // 10:00 in Berlin
    clock.set(Date.UTC(2027, 2, 9, 9, 0));
    server.ctx.jobs.wake(); // the digest is due now: no waiting for the queue's next look
    const mails = await smtp.waitForMails(before + 1);
    expect(mails[before]!.subject).toBe("1 neue Benachrichtigung");
  });
});
