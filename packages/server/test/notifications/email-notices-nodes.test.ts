// SPDX-License-Identifier: AGPL-3.0-or-later
import { AcceptCase, ConfirmNotifyEmail, OpenCase, SendMessage, SetMyNotifyEmail } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";

/**
 * Two nodes on one PostgreSQL database and Redis, both running the job
 * worker: each answer's notice is claimed by one node and mailed once
 * (ADR 0034), however the two race for it.
 */
describe("e-mail notices with two nodes (postgres + redis)", () => {
  let smtp: SmtpProcess;
  let a: TestServer;
  let b: TestServer;
  let f: CounsellingFixture;
  let conversationId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    a = await startTestServer({ dialect: "postgres", redis: true, env: smtp.env() });
    b = await startTestServer({
      dialect: "postgres",
      redis: true,
      env: smtp.env(),
      dataDir: a.dataDir,
      databaseUrl: a.databaseUrl!,
    });
    f = await seedCounselling(a.ctx.db.db);
    const opened = await apiAs(a, f.client).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    conversationId = (opened.body.case as { conversationId: string }).conversationId;
    const caseId = (opened.body.case as { id: string }).id;
    expect((await apiAs(b, f.ben).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    await apiAs(a, f.client).call(SetMyNotifyEmail, { body: { address: "klient@example.org", language: "en" } });
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(b).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
  });
  afterAll(async () => {
    await b?.close();
    await a?.stop();
    await smtp?.destroy();
  });

  it("an answer on one node is mailed exactly once while both nodes work the queue", async () => {
    const sent = await apiAs(b, f.ben).call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(40) },
    });
    expect(sent.status).toBe(201);
    // Both nodes look for the job at once.
    a.ctx.jobs.wake();
    b.ctx.jobs.wake();
    const mails = await smtp.waitForMails(2);
    expect(mails[1]!.subject).toBe("There is a new answer");
    await vi.waitFor(
      async () => {
        const rows = await a.ctx.db.db
          .selectFrom("job_queue")
          .selectAll()
          .where("job", "=", EMAIL_NOTICE_JOB)
          .execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.done_at).not.toBeNull();
        expect(rows[0]!.attempts).toBe(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    a.ctx.jobs.wake();
    b.ctx.jobs.wake();
    const deliveries = await a.ctx.db.db.selectFrom("notification_deliveries").selectAll().execute();
    expect(deliveries).toHaveLength(1);
    expect(await smtp.mails()).toHaveLength(2);
  });
});
