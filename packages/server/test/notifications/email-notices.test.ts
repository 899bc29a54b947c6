// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  ConfirmNotifyEmail,
  DeleteMyNotifyEmail,
  GetMyChannelPreferences,
  GetMyNotifyEmail,
  OpenCase,
  PutNotificationSettings,
  SendMessage,
  SetMyNotifyEmail,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { createScheduler } from "../../src/infra/jobs/scheduler";

/**
 * Content-free e-mail notices end to end (issue #17, ADR 0034) against a real
 * SMTP server process with STARTTLS, login and a test CA: double opt-in, one
 * mail per answer with nothing in it but the neutral sender name and a link,
 * retries while SMTP is down without a duplicate, nothing for stale events or
 * after deletion, and a counsellor's notice of a new enquiry.
 */
const MESSAGE_TEXT = "Mein Vater trinkt wieder, ich weiß nicht weiter";
const SENDER_NAME = "Beratung online";

describe("e-mail notices through a real SMTP server (sqlite)", () => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  let caseId: string;
  let conversationId: string;
  let forbidden: string[];
  let app: string;
  const clientAddress = `klient-${rid("x")}@example.org`;
  const annaAddress = `anna-${rid("x")}@beratung.example`;

  /** A fresh session at the moved clock (the seeded ones would have gone idle). */
  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });

  async function answer(): Promise<void> {
    const ben = apiAs(server, await fresh(f.ben));
    const res = await ben.call(SendMessage, {
      params: { id: conversationId },
      // The plaintext stands in for what the envelope would carry end-to-end encrypted.
      body: { clientMsgId: rid("cm"), envelope: Buffer.from(MESSAGE_TEXT).toString("base64url") },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  const jobs = () =>
    server.ctx.db.db
      .selectFrom("job_queue")
      .selectAll()
      .where("job", "=", EMAIL_NOTICE_JOB)
      .orderBy("created_at")
      .execute();

  /** Waits until every notice job has been tried at least once and none is running. */
  async function settled(): Promise<Awaited<ReturnType<typeof jobs>>> {
    let rows: Awaited<ReturnType<typeof jobs>> = [];
    await vi.waitFor(
      async () => {
        rows = await jobs();
        expect(rows.every((r) => r.attempts > 0 && r.locked_by === null)).toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    return rows;
  }

  function linkToken(text: string): string {
    const m = /\/notify-email\/confirm#token=([A-Za-z0-9_-]+)/.exec(text);
    expect(m, text).not.toBeNull();
    return m![1]!;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ clock, env: smtp.env() });
    app = server.ctx.config.publicUrl;
    f = await seedCounselling(server.ctx.db.db);
    const client = apiAs(server, await fresh(f.client));
    const opened = await client.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    ({ id: caseId, conversationId } = opened.body.case as { id: string; conversationId: string });
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    const admin = apiAs(server, await fresh(f.admin));
    expect(
      (await admin.call(PutNotificationSettings, { params: { orgId: f.orgId }, body: { senderName: SENDER_NAME } }))
        .status,
    ).toBe(200);
    const db = server.ctx.db.db;
    // A "du" topic: the client is addressed informally, as the absence notice would be.
    await db.updateTable("topics").set({ address_form: "informal" }).where("id", "=", f.topicId).execute();
    await db.updateTable("agencies").set({ name: "Suchtberatung Nordstadt" }).where("id", "=", f.agencyId).execute();
    const org = await db.selectFrom("organisations").select("name").where("id", "=", f.orgId).executeTakeFirstOrThrow();
    const agency = await db
      .selectFrom("agencies")
      .select("name")
      .where("id", "=", f.agencyId)
      .executeTakeFirstOrThrow();
    const topic = await db.selectFrom("topics").select("name").where("id", "=", f.topicId).executeTakeFirstOrThrow();
    // Nothing of this may appear in any header or part of a notice.
    forbidden = [
      MESSAGE_TEXT,
      org.name,
      agency.name,
      topic.name,
      f.client.username,
      f.ben.username,
      "Anna Beispiel",
      caseId,
    ];
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  function expectContentFree(mail: { raw: string; text?: string; html?: string | false }): void {
    for (const word of forbidden) {
      expect(mail.raw).not.toContain(word);
      expect(mail.text ?? "").not.toContain(word);
      expect(mail.html || "").not.toContain(word);
    }
  }

  it("a client enters an address, gets a confirmation mail, and is only notified once confirmed", async () => {
    const client = apiAs(server, await fresh(f.client));
    const set = await client.call(SetMyNotifyEmail, { body: { address: clientAddress, language: "de" } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ address: clientAddress, confirmed: false, available: true });

    const [confirm] = await smtp.waitForMails(1);
    expect(confirm!.to).toMatchObject({ value: [{ address: clientAddress }] });
    // The confirmation mail is neutral too: the default sender name, not the organisation's or an agency's.
    expect(confirm!.from?.value[0]).toMatchObject({
      name: "Ihre Beratungsstelle",
      address: "hinweis@beratung.example",
    });
    expect(confirm!.subject).toBe("Bitte bestätige deinen E-Mail-Hinweis");
    expectContentFree(confirm!);
    const token = linkToken(confirm!.text!);
    expect(confirm!.html).toContain(`<html lang="de">`);
    expect(confirm!.html).toContain(`${app}/notify-email/confirm#token=${token}`);

    // Not yet confirmed: an answer queues nothing.
    await answer();
    expect(await jobs()).toEqual([]);

    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
    // A link works once.
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(410);
    const mine = await apiAs(server, await fresh(f.client)).call(GetMyNotifyEmail);
    expect(mine.body).toMatchObject({ address: clientAddress, confirmed: true, language: "de" });
    const prefs = await apiAs(server, await fresh(f.client)).call(GetMyChannelPreferences);
    expect(prefs.body.preferences).toMatchObject({ emailNotice: true });
  });

  it("a counsellor's answer sends exactly one content-free mail, audited without the address", async () => {
    clock.advance(16 * 60_000);
    await answer();
    const mails = await smtp.waitForMails(2);
    const [rows] = [await settled()];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.done_at).not.toBeNull();
    expect(rows[0]!.payload).not.toContain("@");
    const notice = mails[1]!;
    expect(notice.subject).toBe("Es gibt eine neue Antwort");
    expect(notice.from?.value[0]).toMatchObject({ name: SENDER_NAME, address: "hinweis@beratung.example" });
    expect(notice.text).toContain("Es gibt eine neue Antwort für dich.");
    expect(notice.text).toContain(`${app}/`);
    expect(notice.html).toContain(`<a href="${app}/"`);
    expectContentFree(notice);
    expect(await smtp.mails()).toHaveLength(2);

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "notification.sent")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toEqual({ kind: "new_answer", channel: "email" });
    const everything = JSON.stringify(await server.ctx.db.db.selectFrom("audit_events").selectAll().execute());
    expect(everything).not.toContain(clientAddress);
    expect(server.logText()).not.toContain(clientAddress);
    // Sealed at rest: not in the database in the clear.
    const stored = await server.ctx.db.db.selectFrom("notify_addresses").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(clientAddress);
  });

  it("a second answer within the quiet interval sends no second mail", async () => {
    clock.advance(60_000);
    await answer();
    const rows = await settled();
    expect(rows).toHaveLength(2);
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("with SMTP down the notice is retried with backoff and arrives once when it is back", async () => {
    await smtp.stop();
    clock.advance(16 * 60_000);
    await answer();
    const [failed] = (await settled()).slice(-1);
    expect(failed!.done_at).toBeNull();
    expect(failed!.attempts).toBe(1);
    expect(Number(failed!.run_at)).toBeGreaterThan(clock.now());

    // Still down at the next try: a longer wait.
    clock.set(Number(failed!.run_at));
    server.ctx.jobs.wake();
    await vi.waitFor(async () => expect((await jobs()).at(-1)!.attempts).toBe(2), { timeout: 10_000, interval: 20 });
    const second = (await settled()).at(-1)!;
    expect(Number(second.run_at) - clock.now()).toBeGreaterThan(Number(failed!.run_at) - Number(failed!.created_at));

    await smtp.start();
    clock.set(Number(second.run_at));
    server.ctx.jobs.wake();
    const mails = await smtp.waitForMails(3);
    const done = (await settled()).at(-1)!;
    expect(done.done_at).not.toBeNull();
    expect(mails[2]!.subject).toBe("Es gibt eine neue Antwort");
    // Woken again, nothing is sent twice.
    server.ctx.jobs.wake();
    await settled();
    expect(await smtp.mails()).toHaveLength(3);
  });

  it("deleting the address stops mails, also for a notice already queued", async () => {
    await smtp.stop();
    clock.advance(16 * 60_000);
    await answer();
    const queued = (await settled()).at(-1)!;
    expect(queued.done_at).toBeNull();
    const del = await apiAs(server, await fresh(f.client)).call(DeleteMyNotifyEmail);
    expect(del.body).toMatchObject({ address: null, confirmed: false });
    expect(await server.ctx.db.db.selectFrom("notify_addresses").selectAll().execute()).toEqual([]);
    await smtp.start();
    clock.set(Number(queued.run_at));
    server.ctx.jobs.wake();
    await vi.waitFor(async () => expect((await jobs()).at(-1)!.done_at).not.toBeNull(), {
      timeout: 10_000,
      interval: 20,
    });
    // Later answers queue nothing at all.
    clock.advance(16 * 60_000);
    const before = (await jobs()).length;
    await answer();
    expect(await jobs()).toHaveLength(before);
    expect(await smtp.mails()).toHaveLength(3);
  });

  it("a counsellor who opted in hears of a new enquiry for her team, content-free; a notice older than a day is dropped", async () => {
    const anna = apiAs(server, await fresh(f.anna));
    const set = await anna.call(SetMyNotifyEmail, { body: { address: annaAddress, language: "en", newEnquiry: true } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const confirm = (await smtp.waitForMails(4))[3]!;
    expect(confirm.subject).toBe("Please confirm your e-mail notice");
    expect(confirm.from?.value[0]?.name).toBe(SENDER_NAME);
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token: linkToken(confirm.text!) } })).status).toBe(
      204,
    );

    const newClient = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const opened = await apiAs(server, newClient).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status).toBe(201);
    const notice = (await smtp.waitForMails(5))[4]!;
    expect(notice.to).toMatchObject({ value: [{ address: annaAddress }] });
    expect(notice.subject).toBe("A new enquiry");
    expectContentFree(notice);
    expect(notice.raw).not.toContain(newClient.username);
    await settled();
    expect(await smtp.mails()).toHaveLength(5);

    // SMTP down for more than a day: the notice is not sent late.
    await smtp.stop();
    clock.advance(16 * 60_000);
    const another = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    await apiAs(server, another).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    const waiting = (await settled()).at(-1)!;
    expect(waiting.done_at).toBeNull();
    await smtp.start();
    clock.advance(25 * 60 * 60_000);
    server.ctx.jobs.wake();
    await vi.waitFor(async () => expect((await jobs()).at(-1)!.done_at).not.toBeNull(), {
      timeout: 10_000,
      interval: 20,
    });
    expect(await smtp.mails()).toHaveLength(5);
  });

  it("the hourly housekeeping forgets delivery records after two days and finished jobs after a week", async () => {
    const db = server.ctx.db.db;
    expect((await db.selectFrom("notification_deliveries").selectAll().execute()).length).toBeGreaterThan(0);
    clock.advance(8 * 24 * 60 * 60_000);
    const scheduler = createScheduler({ db, nodeId: "notices-test", clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
    expect(await db.selectFrom("notification_deliveries").selectAll().execute()).toEqual([]);
    expect(await jobs()).toEqual([]);
  });
});
