// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmNotifyEmail,
  CreateOrgDocument,
  GetMyNotifications,
  OpenCase,
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
import { registerHousekeeping } from "../../src/app/housekeeping";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { enqueueJob } from "../../src/infra/jobs/queue";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";

/**
 * Events nobody's request raises (issue #17, ADR 0044), found by the real
 * scheduler with an injected clock and sent through the bell, the rules and
 * the durable queue: an enquiry unassigned past the organisation's limit (team
 * leads), a document draft awaiting approval and an audit chain that fails
 * verification (the DPO), notices that failed for good and a failed check of
 * `obhut doctor` (admins). Each once, content-free; SQLite and PostgreSQL.
 */
describe.each(DIALECTS)("notices found by the scheduler (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  let caseId: string;
  let doctorFailures = 0;
  const T0 = Date.UTC(2027, 2, 3, 9, 0);
  const clock = manualClock(T0);
  const adminAddress = `admin-${rid("x")}@beratung.example`;

  const as = async (a: SeededAccount) =>
    apiAs(server, { cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie });
  const kindsOf = async (a: SeededAccount) =>
    (await (await as(a)).call(GetMyNotifications)).body.items.map((i) => i.kind);

  /** Every due notice job finished. */
  async function settled(): Promise<void> {
    await vi.waitFor(
      async () => {
        const open = await server.ctx.db.db
          .selectFrom("job_queue")
          .select("id")
          .where("done_at", "is", null)
          .where("run_at", "<=", clock.now())
          .execute();
        expect(open).toEqual([]);
      },
      { timeout: 10_000, interval: 20 },
    );
  }

  /** One run of the scheduler, as a node does it. */
  async function tick(at: number): Promise<void> {
    clock.set(at);
    const scheduler = createScheduler({ db: server.ctx.db.db, nodeId: `watch-${rid("n")}`, clock });
    registerHousekeeping(scheduler, server.ctx, { doctorFailures: async () => doctorFailures });
    await scheduler.tick();
    await scheduler.stop();
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo", now: clock.now() });
    const admin = await as(f.admin);
    const put = await admin.call(PutNotificationSettings, {
      params: { orgId: f.orgId },
      body: { senderName: "Ihre Beratungsstelle", enquiryWaitHours: 2 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await admin.call(SetMyNotifyEmail, { body: { address: adminAddress, language: "en" } })).status).toBe(200);
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
    const opened = await (
      await as(f.client)
    ).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status).toBe(201);
    caseId = (opened.body.case as { id: string }).id;
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("an hour after the enquiry, with the chains intact and no failed check: nothing", async () => {
    await tick(T0 + 60 * 60_000);
    expect(await kindsOf(f.lead)).toEqual(["new_enquiry"]);
    expect(await kindsOf(dpo)).toEqual([]);
    expect(await kindsOf(f.admin)).toEqual([]);
  });

  it("past the organisation's limit, still unassigned: the team's leads are told, once", async () => {
    await tick(T0 + 2 * 60 * 60_000 + 60_000);
    const bell = (await (await as(f.lead)).call(GetMyNotifications)).body.items;
    expect(bell.map((i) => [i.kind, i.caseId])).toEqual([
      ["enquiry_waiting", caseId],
      ["new_enquiry", caseId],
    ]);
    // Members who do not lead the team are not.
    expect(await kindsOf(f.anna)).toEqual(["new_enquiry"]);
    await tick(T0 + 3 * 60 * 60_000);
    expect(await kindsOf(f.lead)).toEqual(["enquiry_waiting", "new_enquiry"]);
  });

  it("a document draft: the DPO is asked to approve it", async () => {
    const created = await (
      await as(f.admin)
    ).call(CreateOrgDocument, {
      params: { orgId: f.orgId },
      body: { kind: "privacy_notice", language: "de", text: "Datenschutzhinweise der Beratungsstelle, Entwurf." },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await tick(T0 + 3 * 60 * 60_000 + 15 * 60_000);
    expect(await kindsOf(dpo)).toEqual(["document_approval"]);
    // Not the lead, not the admin who wrote it.
    expect(await kindsOf(f.admin)).toEqual([]);
  });

  it("a notice that failed for good: the admins are told, once an hour at most, by bell and e-mail", async () => {
    const db = server.ctx.db.db;
    const now = T0 + 4 * 60 * 60_000;
    clock.set(now);
    for (const n of [1, 2]) {
      const eventId = `answer:${rid("e")}`;
      // Due only tomorrow: no worker claims it before it is marked as failed for good below.
      await enqueueJob(db, now, {
        job: EMAIL_NOTICE_JOB,
        id: `${eventId}:${f.client.id}:email`,
        runAt: now + 24 * 60 * 60_000,
        payload: {
          kind: "new_answer",
          eventAt: now,
          recipientId: f.client.id,
          organisationId: f.orgId,
          form: "formal",
        },
      });
      // As the queue leaves a job after its last try (dead-letters.test.ts drives the real tries).
      await db
        .updateTable("job_queue")
        .set({ done_at: now - n * 60_000, last_error: "mail_unreachable (ECONNECTION)", attempts: 8 })
        .where("id", "like", `${eventId}:%`)
        .execute();
    }
    await tick(now + 60_000);
    // The notice is sent before the clock moves on (a jump past its lease while it sends would hand it out again).
    await smtp.waitForMails(2);
    await settled();
    await tick(now + 20 * 60_000);
    expect(await kindsOf(f.admin)).toEqual(["job_failed"]);
    const mails = await smtp.waitForMails(2);
    const notice = mails.find((m) => m.subject === "Something new in Obhut");
    expect(notice?.to).toMatchObject({ value: [{ address: adminAddress }] });
    expect(notice?.text).toContain("A background job failed for good.");
  });

  it("the next day: a tampered audit chain (the DPO) and a failed doctor check (admins)", async () => {
    const db = server.ctx.db.db;
    const row = await db
      .selectFrom("audit_events")
      .select(["id", "data"])
      .where("chain", "=", f.orgId)
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("audit_events")
      .set({ data: `${row.data} ` })
      .where("id", "=", row.id)
      .execute();
    doctorFailures = 1;
    await tick(T0 + 24 * 60 * 60_000);
    expect(await kindsOf(dpo)).toEqual(["audit_chain_failed", "document_approval"]);
    expect(await kindsOf(f.admin)).toEqual(["config_problem", "job_failed"]);
    const mails = await smtp.waitForMails(3);
    const config = mails.find((m) => m.text?.includes("A check of the setup found a problem."));
    expect(config?.to).toMatchObject({ value: [{ address: adminAddress }] });
    // Content-free: no organisation, case, team or check named.
    const org = await db.selectFrom("organisations").select("name").where("id", "=", f.orgId).executeTakeFirstOrThrow();
    for (const word of [org.name, caseId, f.orgId, "secrets", "audit"]) expect(config!.raw).not.toContain(word);
    // Still one notice of the failed jobs: the same hour is the same event.
    expect(mails.filter((m) => m.text?.includes("A background job failed for good."))).toHaveLength(1);
    // A day on, the enquiry is not reported again (nothing about events older than a day).
    expect(await kindsOf(f.lead)).toEqual(["enquiry_waiting", "new_enquiry"]);
  });
});
