// SPDX-License-Identifier: AGPL-3.0-or-later
import { AcceptCase, AddMyPushSubscription, OpenCase, SendMessage } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { startTestServer, type TestServer } from "../helpers/server";
import { startPushService, type PushService } from "../helpers/push-service";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { PUSH_NOTICE_JOB } from "../../src/modules/notifications";

/**
 * Two nodes on one PostgreSQL database and Redis, both running the job
 * worker, one secrets.json (one VAPID key): each answer is pushed exactly
 * once to the client's browser (ADR 0038), however the nodes race for it.
 */
describe("web push with two nodes (postgres + redis)", () => {
  let push: PushService;
  let a: TestServer;
  let b: TestServer;
  let f: CounsellingFixture;
  let conversationId: string;

  beforeAll(async () => {
    push = await startPushService();
    a = await startTestServer({ dialect: "postgres", redis: true, env: push.env() });
    b = await startTestServer({
      dialect: "postgres",
      redis: true,
      env: push.env(),
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
    const deviceId = rid("dev");
    const now = Date.now();
    await a.ctx.db.db
      .insertInto("device_keys")
      .values({
        id: deviceId,
        account_id: f.client.id,
        wrap: "A".repeat(84),
        created_at: now,
        last_used_at: now,
        session_id: f.client.sessionId,
      })
      .execute();
    const browser = push.subscribe();
    const added = await apiAs(a, f.client).call(AddMyPushSubscription, {
      body: { deviceId, endpoint: browser.endpoint, keys: browser.keys },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  });
  afterAll(async () => {
    await b?.close();
    await a?.stop();
    await push?.close();
  });

  it("an answer on one node is pushed exactly once while both nodes work the queue", async () => {
    expect(a.ctx.secrets.vapid).toEqual(b.ctx.secrets.vapid);
    const sent = await apiAs(b, f.ben).call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(40) },
    });
    expect(sent.status).toBe(201);
    // Both nodes look for the job at once.
    a.ctx.jobs.wake();
    b.ctx.jobs.wake();
    const [received] = await push.waitFor(1);
    expect(JSON.parse(received!.plaintext)).toEqual({ kind: "new_answer", path: "/" });
    await vi.waitFor(
      async () => {
        const rows = await a.ctx.db.db.selectFrom("job_queue").selectAll().where("job", "=", PUSH_NOTICE_JOB).execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.done_at).not.toBeNull();
        expect(rows[0]!.attempts).toBe(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    a.ctx.jobs.wake();
    b.ctx.jobs.wake();
    const deliveries = await a.ctx.db.db
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("channel", "=", "push")
      .execute();
    expect(deliveries).toHaveLength(1);
    expect(push.received()).toHaveLength(1);
  });
});
