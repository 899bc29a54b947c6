// SPDX-License-Identifier: AGPL-3.0-or-later
import { AcceptCase, AddMyPushSubscription, OpenCase, PutMyQuietHours, SendMessage } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { noticeQueue } from "./support";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startPushService, type PushService } from "../helpers/push-service";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { PUSH_NOTICE_JOB } from "../../src/modules/notifications";
import { DIGEST_JOB } from "../../src/modules/notifications/defer";

/**
 * Quiet hours on the push channel (ADR 0041): two answers in a client's
 * quiet hours reach the local RFC 8030 push service as nothing; when the
 * quiet hours end (07:00 Berlin, 06:00 UTC in winter) one push arrives that
 * decrypts to `{kind: "digest", path: "/"}` and nothing else.
 */
const MESSAGE_TEXT = "Mein Vater trinkt wieder, ich weiß nicht weiter";

describe.each(DIALECTS)("quiet hours on the push channel (%s)", (dialect) => {
  let push: PushService;
  let server: TestServer;
  let f: CounsellingFixture;
  let conversationId: string;
  // Tuesday 12 January 2027, noon UTC (winter time in Berlin).
  const clock = manualClock(Date.UTC(2027, 0, 12, 12, 0));

  const fresh = async (a: SeededAccount) => seedSession(server.ctx.db.db, a.id, clock.now());

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
    jobs: [PUSH_NOTICE_JOB, DIGEST_JOB],
  });

  beforeAll(async () => {
    push = await startPushService();
    server = await startTestServer({ dialect, clock, env: push.env() });
    f = await seedCounselling(server.ctx.db.db);
    const session = await fresh(f.client);
    const client = apiAs(server, session);
    const opened = await client.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const { id: caseId, conversationId: conv } = opened.body.case as { id: string; conversationId: string };
    conversationId = conv;
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    // The client's own device, kept at this login: the only place push is offered.
    const deviceId = rid("dev");
    await server.ctx.db.db
      .insertInto("device_keys")
      .values({
        id: deviceId,
        account_id: f.client.id,
        wrap: "A".repeat(84),
        created_at: clock.now(),
        last_used_at: clock.now(),
        session_id: session.sessionId,
      })
      .execute();
    const browser = push.subscribe();
    const added = await client.call(AddMyPushSubscription, {
      body: { deviceId, endpoint: browser.endpoint, keys: browser.keys },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const quietHours = { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" };
    expect((await client.call(PutMyQuietHours, { body: { quietHours } })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await push?.close();
  });

  it("holds the night's pushes back and sends one content-free digest push at 07:00 local time", async () => {
    clock.set(Date.UTC(2027, 0, 12, 22, 0)); // 23:00 in Berlin
    await answer();
    clock.advance(30 * 60_000);
    await answer();
    const rows = await settled();
    expect(rows.filter((r) => r.job === PUSH_NOTICE_JOB)).toHaveLength(2);
    expect(push.received()).toEqual([]);
    const digests = rows.filter((r) => r.job === DIGEST_JOB);
    expect(digests).toHaveLength(1);
    expect(Number(digests[0]!.run_at)).toBe(Date.UTC(2027, 0, 13, 6, 0));

    clock.set(Date.UTC(2027, 0, 13, 6, 0));
    const [received] = await push.waitFor(1);
    await settled();
    expect(JSON.parse(received!.plaintext)).toEqual({ kind: "digest", path: "/" });
    for (const word of [MESSAGE_TEXT, f.client.username, f.ben.username, conversationId])
      expect(received!.plaintext).not.toContain(word);
    expect(await server.ctx.db.db.selectFrom("notification_deferred").selectAll().execute()).toEqual([]);
    await settled();
    expect(push.received()).toHaveLength(1);
  });
});
