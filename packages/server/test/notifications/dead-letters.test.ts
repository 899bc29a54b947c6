// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  ConfirmNotifyEmail,
  ListDeadLetters,
  OpenCase,
  RetryDeadLetter,
  SendMessage,
  SetMyNotifyEmail,
  type DeadLettersView,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";

/**
 * Dead letters (issue #17, ADR 0041): a notice whose SMTP server stays down
 * through every retry is listed for the organisation's admins with the kind,
 * channel and a reason from a fixed list — no address, recipient, case or job
 * key, and the stored error holds none either — and "retry" sends it once when
 * the server is back. One older than a day is listed as expired and not retried.
 */
describe.each(DIALECTS)("dead letters (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  let conversationId: string;
  const clock = manualClock(Date.UTC(2027, 4, 3, 9, 0));
  const clientAddress = `klient-${rid("x")}@example.org`;

  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });
  const lastJob = async () =>
    (
      await server.ctx.db.db
        .selectFrom("job_queue")
        .selectAll()
        .where("job", "=", EMAIL_NOTICE_JOB)
        .orderBy("created_at", "desc")
        .limit(1)
        .execute()
    )[0]!;

  /** An answer whose notice fails through all eight tries while SMTP is down. */
  async function failedNotice(): Promise<void> {
    await smtp.stop();
    const sent = await apiAs(server, await fresh(f.ben)).call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(40) },
    });
    expect(sent.status).toBe(201);
    for (let attempt = 1; attempt <= 8; attempt++) {
      server.ctx.jobs.wake();
      await vi.waitFor(
        async () => {
          const job = await lastJob();
          expect(job.attempts).toBe(attempt);
          expect(job.locked_by).toBeNull();
        },
        { timeout: 10_000, interval: 20 },
      );
      const job = await lastJob();
      if (job.done_at === null) clock.set(Number(job.run_at));
    }
    expect((await lastJob()).done_at).not.toBeNull();
  }

  const letters = async (who: SeededAccount) =>
    apiAs(server, await fresh(who)).call(ListDeadLetters, { params: { orgId: f.orgId } });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    f = await seedCounselling(server.ctx.db.db);
    const client = apiAs(server, await fresh(f.client));
    const opened = await client.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    const caseId = (opened.body.case as { id: string }).id;
    conversationId = (opened.body.case as { conversationId: string }).conversationId;
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    await client.call(SetMyNotifyEmail, { body: { address: clientAddress, language: "en" } });
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("a notice that failed for good is listed for admins, content-free, and only for them", async () => {
    await failedNotice();
    const job = await lastJob();
    expect(job.last_error).toMatch(/^mail_unreachable/);
    expect(job.last_error).not.toContain("@");

    const res = await letters(f.admin);
    expect(res.status).toBe(200);
    const view = res.body as DeadLettersView;
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      kind: "new_answer",
      channel: "email",
      attempts: 8,
      reason: "mail_unreachable",
      expired: false,
    });
    const text = JSON.stringify(view);
    for (const secret of [clientAddress, f.client.id, job.id, conversationId]) expect(text).not.toContain(secret);

    expect([403, 404]).toContain((await letters(f.anna)).status);
  });

  it("retry puts it back into the queue; it is mailed once when SMTP is back", async () => {
    await smtp.start();
    const id = ((await letters(f.admin)).body as DeadLettersView).items[0]!.id;
    const admin = apiAs(server, await fresh(f.admin));
    const retried = await admin.call(RetryDeadLetter, { params: { orgId: f.orgId, letterId: id } });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect((retried.body as DeadLettersView).items).toEqual([]);
    const mails = await smtp.waitForMails(2);
    expect(mails[1]!.subject).toBe("There is a new answer");
    await vi.waitFor(async () => expect((await lastJob()).done_at).not.toBeNull(), { timeout: 10_000, interval: 20 });
    expect((await lastJob()).last_error).toBeNull();
    // The same handle again: nothing to retry.
    expect((await admin.call(RetryDeadLetter, { params: { orgId: f.orgId, letterId: id } })).status).toBe(404);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "notification.retried")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ kind: "new_answer", channel: "email" }]);
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("one older than a day is listed as expired and not retried", async () => {
    clock.advance(20 * 60_000);
    await failedNotice();
    clock.advance(25 * 60 * 60_000);
    const view = (await letters(f.admin)).body as DeadLettersView;
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({ expired: true });
    const admin = apiAs(server, await fresh(f.admin));
    const res = await admin.call(RetryDeadLetter, { params: { orgId: f.orgId, letterId: view.items[0]!.id } });
    expect(res.status).toBe(410);
  });
});
