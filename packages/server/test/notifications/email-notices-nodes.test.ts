// SPDX-License-Identifier: AGPL-3.0-or-later
import { ConfirmNotifyEmail, SetMyNotifyEmail } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiAs } from "../helpers/api";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";
import { twoNodesWithCase } from "./support";

/**
 * Two nodes on one PostgreSQL database and Redis, both running the job
 * worker: each answer's notice is claimed by one node and mailed once
 * (ADR 0034), however the two race for it.
 */
describe("e-mail notices with two nodes (postgres + redis)", () => {
  let smtp: SmtpProcess;
  let nodes: Awaited<ReturnType<typeof twoNodesWithCase>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    nodes = await twoNodesWithCase(smtp.env());
    const { a, b, f } = nodes;
    await apiAs(a, f.client).call(SetMyNotifyEmail, { body: { address: "klient@example.org", language: "en" } });
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(b).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
  });
  afterAll(async () => {
    await nodes?.stop();
    await smtp?.destroy();
  });

  it("an answer on one node is mailed exactly once while both nodes work the queue", async () => {
    const { a, b } = nodes;
    await nodes.answer();
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
