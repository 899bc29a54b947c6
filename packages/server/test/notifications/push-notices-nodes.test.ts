// SPDX-License-Identifier: AGPL-3.0-or-later
import { AddMyPushSubscription } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { startPushService, type PushService } from "../helpers/push-service";
import { PUSH_NOTICE_JOB } from "../../src/modules/notifications";
import { twoNodesWithCase } from "./support";

/**
 * Two nodes on one PostgreSQL database and Redis, both running the job
 * worker, one secrets.json (one VAPID key): each answer is pushed exactly
 * once to the client's browser (ADR 0038), however the nodes race for it.
 */
describe("web push with two nodes (postgres + redis)", () => {
  let push: PushService;
  let nodes: Awaited<ReturnType<typeof twoNodesWithCase>>;

  beforeAll(async () => {
    push = await startPushService();
    nodes = await twoNodesWithCase(push.env());
    const { a, f } = nodes;
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
    await nodes?.stop();
    await push?.close();
  });

  it("an answer on one node is pushed exactly once while both nodes work the queue", async () => {
    const { a, b } = nodes;
    expect(a.ctx.secrets.vapid).toEqual(b.ctx.secrets.vapid);
    await nodes.answer();
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
