// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  ConfirmNotifyEmail,
  GetMyQuietHours,
  OpenCase,
  PutMyQuietHours,
  SendMessage,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { noticeQueue } from "./support";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";
import { DIGEST_JOB } from "../../src/modules/notifications/defer";

/**
 * Quiet hours and the digest (issue #17, ADR 0041) against a real SMTP server
 * process, with an injected clock: a client's quiet hours 22:00–07:00 Europe/
 * Berlin hold three answers back over the night summer time starts; at 07:00
 * on the client's clock (05:00 UTC that morning, not 06:00) one content-free
 * mail says "3 neue Nachrichten"; outside quiet hours a notice goes at once.
 */
const MESSAGE_TEXT = "Ich habe Angst, nach Hause zu gehen";
const HOUR = 60 * 60_000;

describe.each(DIALECTS)("quiet hours and the digest (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  // Saturday 27 March 2027, noon; summer time starts on Sunday 28 March at 01:00 UTC.
  const clock = manualClock(Date.UTC(2027, 2, 27, 12, 0));
  let conversationId: string;
  let forbidden: string[];
  const clientAddress = `klient-${rid("x")}@example.org`;

  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });

  async function answer(): Promise<void> {
    const res = await apiAs(server, await fresh(f.ben)).call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: rid("cm"), envelope: Buffer.from(MESSAGE_TEXT).toString("base64url") },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  const { settled } = noticeQueue({
    server: () => server,
    now: () => clock.now(),
    jobs: [EMAIL_NOTICE_JOB, DIGEST_JOB],
  });

  const held = () => server.ctx.db.db.selectFrom("notification_deferred").selectAll().execute();

  function expectContentFree(mail: { raw: string; text?: string; html?: string | false }): void {
    for (const word of forbidden) {
      expect(mail.raw).not.toContain(word);
      expect(mail.text ?? "").not.toContain(word);
      expect(mail.html || "").not.toContain(word);
    }
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    const db = server.ctx.db.db;
    f = await seedCounselling(db);
    const client = apiAs(server, await fresh(f.client));
    const opened = await client.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const { id: caseId, conversationId: conv } = opened.body.case as { id: string; conversationId: string };
    conversationId = conv;
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    expect((await client.call(SetMyNotifyEmail, { body: { address: clientAddress, language: "de" } })).status).toBe(
      200,
    );
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
    // A name unlike the neutral default sender ("Ihre Beratungsstelle"), so a leak would show.
    await db.updateTable("agencies").set({ name: "Suchtberatung Nordstadt" }).where("id", "=", f.agencyId).execute();
    const agency = await db
      .selectFrom("agencies")
      .select("name")
      .where("id", "=", f.agencyId)
      .executeTakeFirstOrThrow();
    const topic = await db.selectFrom("topics").select("name").where("id", "=", f.topicId).executeTakeFirstOrThrow();
    forbidden = [MESSAGE_TEXT, agency.name, topic.name, f.client.username, f.ben.username, "Anna Beispiel", caseId];
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("refuses times that are not times, equal start and end, and unknown time zones", async () => {
    const client = apiAs(server, await fresh(f.client));
    for (const quietHours of [
      { start: "25:00", end: "07:00", timeZone: "Europe/Berlin" },
      { start: "22:00", end: "22:00", timeZone: "Europe/Berlin" },
      { start: "22:00", end: "07:00", timeZone: "Mars/Olympus_Mons" },
    ]) {
      const res = await client.call(PutMyQuietHours, { body: { quietHours } });
      expect(res.status, JSON.stringify(quietHours)).toBe(400);
    }
    expect((await client.call(GetMyQuietHours)).body).toEqual({ quietHours: null });
  });

  it("a client sets 22:00–07:00 in Europe/Berlin and reads them back", async () => {
    const client = apiAs(server, await fresh(f.client));
    const quietHours = { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" };
    const set = await client.call(PutMyQuietHours, { body: { quietHours } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // Weekends are off unless asked for (ADR 0044).
    expect((await client.call(GetMyQuietHours)).body).toEqual({ quietHours: { ...quietHours, weekends: false } });
    // Audited that they changed, not when the person sleeps.
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "quiet_hours.updated")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ on: true }]);
  });

  it("answers in the quiet hours are held back, and merged into one mail when they end, DST-correct", async () => {
    clock.set(Date.UTC(2027, 2, 27, 22, 30)); // 23:30 in Berlin (CET)
    // Twenty minutes apart: outside quiet hours each would be its own mail (the rate limit allows one per 15 min).
    await answer();
    clock.advance(20 * 60_000);
    await answer();
    clock.advance(20 * 60_000);
    await answer();
    const rows = await settled();
    expect(rows.filter((r) => r.job === EMAIL_NOTICE_JOB)).toHaveLength(3);
    expect(await smtp.mails()).toHaveLength(1);
    expect((await held()).map((h) => [h.channel, h.kind])).toEqual([
      ["email", "new_answer"],
      ["email", "new_answer"],
      ["email", "new_answer"],
    ]);
    // One digest for the night, due at 07:00 Berlin summer time: 05:00 UTC (06:00 UTC would be winter time).
    const digests = rows.filter((r) => r.job === DIGEST_JOB);
    expect(digests).toHaveLength(1);
    expect(Number(digests[0]!.run_at)).toBe(Date.UTC(2027, 2, 28, 5, 0));
    expect(digests[0]!.payload).not.toContain("@");

    clock.set(Date.UTC(2027, 2, 28, 4, 59));
    await settled();
    expect(await smtp.mails()).toHaveLength(1);

    clock.set(Date.UTC(2027, 2, 28, 5, 0));
    server.ctx.jobs.wake(); // the digest is due now: no waiting for the queue's next look
    const mails = await smtp.waitForMails(2);
    await settled();
    const digest = mails[1]!;
    expect(digest.to).toMatchObject({ value: [{ address: clientAddress }] });
    expect(digest.subject).toBe("3 neue Nachrichten");
    // In the form the case's notices use (the fixture's topic says "du").
    expect(digest.text).toContain("Während deiner Ruhezeit ist Neues für dich eingegangen: 3 neue Nachrichten.");
    expectContentFree(digest);
    expect(await held()).toEqual([]);
    const sent = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "notification.sent")
      .execute();
    expect(sent.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ kind: "digest", channel: "email" }]);
    // Woken again: nothing twice.
    await settled();
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("outside the quiet hours an answer is mailed at once", async () => {
    clock.set(Date.UTC(2027, 2, 28, 6, 0)); // 08:00 in Berlin (CEST)
    await answer();
    const mails = await smtp.waitForMails(3);
    expect(mails[2]!.subject).toBe("Es gibt eine neue Antwort");
    await settled();
    expect(await held()).toEqual([]);
  });

  it("switched off, the night holds nothing back", async () => {
    const client = apiAs(server, await fresh(f.client));
    expect((await client.call(PutMyQuietHours, { body: { quietHours: null } })).body).toEqual({ quietHours: null });
    clock.set(Date.UTC(2027, 2, 28, 21, 30)); // 23:30 in Berlin
    await answer();
    const mails = await smtp.waitForMails(4);
    expect(mails[3]!.subject).toBe("Es gibt eine neue Antwort");
    const rows = await settled();
    expect(rows.filter((r) => r.job === DIGEST_JOB)).toHaveLength(1);
    clock.advance(10 * HOUR);
    await settled();
    expect(await smtp.mails()).toHaveLength(4);
  });
});
