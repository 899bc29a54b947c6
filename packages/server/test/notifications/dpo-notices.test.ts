// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmNotifyEmail,
  CreateDsrRequest,
  GetMyNotifications,
  SetMyNotifyEmail,
  type DsrRequestView,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type SmtpProcess } from "../helpers/smtp";
import { seedCounselling, type CounsellingFixture } from "../cases/support";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { EMAIL_NOTICE_JOB } from "../../src/modules/notifications";
import { createScheduler } from "../../src/infra/jobs/scheduler";

/**
 * The DPO's deadlines as notices (issue #17, ADR 0041), with an injected
 * clock and the real daily scheduler: seven days before a data-subject
 * request is due, each DPO of the organisation finds an entry in the bell and
 * — having confirmed an address — one content-free e-mail; once more when it
 * is overdue; never twice for the same due date, never to counsellors.
 */
const REFERENCE = "Brief von Frau Beispiel, Az. 3/27";

describe.each(DIALECTS)("the DPO's deadline notices (%s)", (dialect) => {
  let smtp: SmtpProcess;
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  let request: DsrRequestView;
  const clock = manualClock(Date.UTC(2027, 0, 4, 10, 0));
  const dpoAddress = `dsb-${rid("x")}@beratung.example`;

  const fresh = async (a: SeededAccount) => ({
    cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie,
  });

  /** The daily run, as the server's scheduler does it (a new slot each day). */
  async function daily(): Promise<void> {
    const scheduler = createScheduler({ db: server.ctx.db.db, nodeId: `dpo-test-${rid("n")}`, clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
  }

  const bellOf = async (a: SeededAccount) => (await apiAs(server, await fresh(a)).call(GetMyNotifications)).body;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, clock, env: smtp.env() });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo", now: clock.now() });
    const me = apiAs(server, await fresh(dpo));
    const set = await me.call(SetMyNotifyEmail, { body: { address: dpoAddress, language: "de" } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const [confirm] = await smtp.waitForMails(1);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(confirm!.text!)![1]!;
    expect((await apiAs(server).call(ConfirmNotifyEmail, { body: { token } })).status).toBe(204);
    const created = await me.call(CreateDsrRequest, {
      params: { orgId: f.orgId },
      body: { type: "erasure", subject: { type: "reference", reference: REFERENCE }, receivedOn: "2027-01-04" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    request = (created.body as { request: DsrRequestView }).request;
    expect(request.dueOn).toBe("2027-02-04");
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.destroy();
  });

  it("eight days before: nothing", async () => {
    clock.set(Date.UTC(2027, 0, 27, 9, 0));
    await daily();
    expect((await bellOf(dpo)).items).toEqual([]);
    expect(await smtp.mails()).toHaveLength(1);
  });

  it("seven days before: an entry in the DPO's bell and one content-free e-mail", async () => {
    clock.set(Date.UTC(2027, 0, 28, 9, 0));
    await daily();
    const bell = await bellOf(dpo);
    expect(bell).toMatchObject({ unread: 1, items: [{ kind: "dsr_due_soon", caseId: null, read: false }] });
    const mails = await smtp.waitForMails(2);
    const notice = mails[1]!;
    expect(notice.to).toMatchObject({ value: [{ address: dpoAddress }] });
    expect(notice.subject).toBe("Eine Betroffenenanfrage ist in 7 Tagen fällig");
    for (const word of [REFERENCE, "Beispiel", request.id, request.dueOn, "04.02.2027", "erasure", "Löschung"]) {
      expect(notice.raw).not.toContain(word);
      expect(notice.text ?? "").not.toContain(word);
    }
    // Counsellors hear nothing of it.
    expect((await bellOf(f.anna)).items.filter((i) => i.kind.startsWith("dsr_"))).toEqual([]);
  });

  it("the next day's run sends nothing again", async () => {
    clock.set(Date.UTC(2027, 0, 29, 9, 0));
    await daily();
    expect((await bellOf(dpo)).items).toHaveLength(1);
    // No second notice job was queued for the same due date (the first one's key is taken).
    const queued = await server.ctx.db.db
      .selectFrom("job_queue")
      .select("id")
      .where("job", "=", EMAIL_NOTICE_JOB)
      .execute();
    expect(queued).toHaveLength(1);
    expect(await smtp.mails()).toHaveLength(2);
  });

  it("overdue: a second entry and a second e-mail", async () => {
    clock.set(Date.UTC(2027, 1, 5, 9, 0));
    await daily();
    const bell = await bellOf(dpo);
    expect(bell.items.map((i) => i.kind)).toEqual(["dsr_overdue", "dsr_due_soon"]);
    const mails = await smtp.waitForMails(3);
    expect(mails[2]!.subject).toBe("Eine Betroffenenanfrage ist überfällig");
    expect(mails[2]!.raw).not.toContain(REFERENCE);
  });
});
