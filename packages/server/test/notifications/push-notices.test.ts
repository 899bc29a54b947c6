// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AddMyPushSubscription,
  DeleteMyPushSubscription,
  GetMyChannelPreferences,
  GetMyNotifications,
  GetMyPushSubscriptions,
  HandOverCase,
  Logout,
  MarkMyNotificationsRead,
  OpenCase,
  RequestBreakGlass,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rid, seedSession, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { startPushService, type BrowserSubscription, type PushService } from "../helpers/push-service";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { PUSH_NOTICE_JOB } from "../../src/modules/notifications";
import { loadOrCreateSecrets, secretsFile } from "../../src/infra/config/secrets";
import { tempDir } from "../helpers/databases";
import fs from "node:fs";

/**
 * Content-free Web Push end to end (issue #17, ADR 0038) against a local
 * RFC 8030 push service that decrypts what it receives with the browser's
 * own keys (RFC 8291): a subscription only on one's own kept device, one
 * push per event with nothing in it but a kind and a path, signed with the
 * instance's VAPID key, pruned on 410, gone on logout; and the staff bell.
 */
const MESSAGE_TEXT = "Mein Vater trinkt wieder, ich weiß nicht weiter";

describe("web push through a local push service (sqlite)", () => {
  let push: PushService;
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  let caseId: string;
  let conversationId: string;
  let forbidden: string[];
  let clientSession: { cookie: string; sessionId: string };
  let clientDevice: string;
  let clientBrowser: BrowserSubscription;

  const fresh = async (a: SeededAccount) => seedSession(server.ctx.db.db, a.id, clock.now());

  async function keptDevice(accountId: string, sessionId: string | null): Promise<string> {
    const id = rid("dev");
    const now = clock.now();
    await server.ctx.db.db
      .insertInto("device_keys")
      .values({
        id,
        account_id: accountId,
        wrap: "A".repeat(84),
        created_at: now,
        last_used_at: now,
        session_id: sessionId,
      })
      .execute();
    return id;
  }

  async function send(from: SeededAccount): Promise<void> {
    const res = await apiAs(server, await fresh(from)).call(SendMessage, {
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
      .where("job", "=", PUSH_NOTICE_JOB)
      .orderBy("created_at")
      .execute();

  /** Waits until every push job has been tried at least once and none is running. */
  async function settled(): Promise<Awaited<ReturnType<typeof jobs>>> {
    let rows: Awaited<ReturnType<typeof jobs>> = [];
    server.ctx.jobs.wake();
    await vi.waitFor(
      async () => {
        rows = await jobs();
        expect(rows.every((r) => r.attempts > 0 && r.locked_by === null)).toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    return rows;
  }

  function expectContentFree(text: string): void {
    for (const word of forbidden) expect(text).not.toContain(word);
  }

  beforeAll(async () => {
    push = await startPushService();
    server = await startTestServer({ clock, env: push.env() });
    f = await seedCounselling(server.ctx.db.db);
    const opened = await apiAs(server, await fresh(f.client)).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    ({ id: caseId, conversationId } = opened.body.case as { id: string; conversationId: string });
    expect((await apiAs(server, await fresh(f.ben)).call(AcceptCase, { params: { caseId } })).status).toBe(200);
    const db = server.ctx.db.db;
    await db.updateTable("agencies").set({ name: "Suchtberatung Nordstadt" }).where("id", "=", f.agencyId).execute();
    const org = await db.selectFrom("organisations").select("name").where("id", "=", f.orgId).executeTakeFirstOrThrow();
    const topic = await db.selectFrom("topics").select("name").where("id", "=", f.topicId).executeTakeFirstOrThrow();
    forbidden = [MESSAGE_TEXT, org.name, "Suchtberatung Nordstadt", topic.name, f.client.username, f.ben.username];
    forbidden.push(caseId, conversationId, f.client.id, f.ben.id);
    clientSession = await fresh(f.client);
    clientDevice = await keptDevice(f.client.id, clientSession.sessionId);
    clientBrowser = push.subscribe();
  });
  afterAll(async () => {
    await server?.stop();
    await push?.close();
  });

  it("keeps a VAPID key pair in secrets.json and adds one to an older file", async () => {
    const dir = tempDir();
    const { secrets } = await loadOrCreateSecrets(dir);
    expect(secrets.vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const older = { ...secrets } as Record<string, unknown>;
    delete older.vapid;
    fs.writeFileSync(secretsFile(dir), JSON.stringify(older), { mode: 0o600 });
    const upgraded = await loadOrCreateSecrets(dir);
    expect(upgraded.secrets.vapid.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect({ ...upgraded.secrets, vapid: undefined }).toEqual({ ...secrets, vapid: undefined });
    expect((await loadOrCreateSecrets(dir)).secrets.vapid).toEqual(upgraded.secrets.vapid);
  });

  it("subscribes only a kept device of this login, and only to an allowed push service", async () => {
    const client = apiAs(server, clientSession);
    const body = { deviceId: clientDevice, endpoint: clientBrowser.endpoint, keys: clientBrowser.keys };
    // A shared device has no kept device: refused.
    const shared = await client.call(AddMyPushSubscription, { body: { ...body, deviceId: rid("dev") } });
    expect(shared.status).toBe(403);
    // Another login's kept device (the phone left logged in elsewhere) is not this browser's.
    const otherLogin = await keptDevice(f.client.id, (await fresh(f.client)).sessionId);
    expect((await client.call(AddMyPushSubscription, { body: { ...body, deviceId: otherLogin } })).status).toBe(403);
    // Someone else's device: refused.
    const bens = await keptDevice(f.ben.id, null);
    expect((await client.call(AddMyPushSubscription, { body: { ...body, deviceId: bens } })).status).toBe(403);
    // A host the operator did not list (here: any other than 127.0.0.1) is never contacted.
    const elsewhere = await client.call(AddMyPushSubscription, {
      body: { ...body, endpoint: `https://localhost:${push.port}/push/${clientBrowser.id}` },
    });
    expect(elsewhere.status).toBe(400);
    // http:// is refused by the schema.
    const plain = await client.call(AddMyPushSubscription, {
      body: { ...body, endpoint: `http://127.0.0.1:${push.port}/push/${clientBrowser.id}` },
    });
    expect(plain.status).toBe(400);
    expect(await server.ctx.db.db.selectFrom("push_subscriptions").selectAll().execute()).toEqual([]);

    const ok = await client.call(AddMyPushSubscription, { body });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.publicKey).toBe(server.ctx.secrets.vapid.publicKey);
    expect(ok.body.subscriptions).toEqual([
      expect.objectContaining({ service: "127.0.0.1", thisLogin: true, lastSentAt: null }),
    ]);
    // For a client, push follows the subscription: mayNotify now says yes.
    const prefs = await apiAs(server, clientSession).call(GetMyChannelPreferences);
    expect(prefs.body.preferences).toMatchObject({ push: true });
  });

  it("a counsellor's answer is pushed once, encrypted, VAPID-signed and content-free", async () => {
    await send(f.ben);
    const [received] = await push.waitFor(1);
    const rows = await settled();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.done_at).not.toBeNull();
    expect(JSON.parse(received!.plaintext)).toEqual({ kind: "new_answer", path: "/" });
    expectContentFree(received!.plaintext);
    expectContentFree(JSON.stringify(received!.headers));
    // The queued job holds ids and the kind only (it is the server's own record), no content.
    for (const word of forbidden.slice(0, 4)) expect(rows[0]!.payload).not.toContain(word);
    expect(received!.headers["content-encoding"]).toBe("aes128gcm");
    expect(received!.headers.ttl).toBe(String(24 * 60 * 60));
    // RFC 8292: signed by the instance key, for this push service's origin.
    const vapid = String(received!.headers.authorization);
    expect(vapid).toContain(`k=${server.ctx.secrets.vapid.publicKey}`);
    const jwt = /t=([^,\s]+)/.exec(vapid)![1]!;
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as { aud: string };
    expect(claims.aud).toBe(`https://127.0.0.1:${push.port}`);
    // The wire carries no plaintext either.
    expect(received!.body.toString("latin1")).not.toContain("new_answer");

    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "notification.sent")
      .execute();
    expect(audit.map((a) => JSON.parse(a.data) as unknown)).toEqual([{ kind: "new_answer", channel: "push" }]);
    expect(server.logText()).not.toContain(clientBrowser.endpoint);

    // A second answer within 15 minutes: no second push (rate limit); one after, one more.
    await send(f.ben);
    await settled();
    expect(push.received()).toHaveLength(1);
    clock.advance(16 * 60_000);
    await send(f.ben);
    await push.waitFor(2);
    await settled();
    expect(push.received()).toHaveLength(2);
  });

  it("the client writes: the counsellor's bell lists it and their subscribed browser gets a staff push", async () => {
    const ben = await fresh(f.ben);
    const benDevice = await keptDevice(f.ben.id, null);
    const benBrowser = push.subscribe();
    const added = await apiAs(server, ben).call(AddMyPushSubscription, {
      body: { deviceId: benDevice, endpoint: benBrowser.endpoint, keys: benBrowser.keys },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await send(f.client);
    const all = await push.waitFor(3);
    await settled();
    const staffPush = all.find((p) => p.subscription === benBrowser.id)!;
    expect(JSON.parse(staffPush.plaintext)).toEqual({ kind: "new_message", path: "/staff" });
    expectContentFree(staffPush.plaintext);

    const bell = await apiAs(server, ben).call(GetMyNotifications);
    expect(bell.status).toBe(200);
    // Newest first: the client's message, then the enquiry (Ben is in the case's team).
    expect(bell.body.unread).toBe(2);
    expect(bell.body.items).toEqual([
      expect.objectContaining({ kind: "new_message", caseId, read: false, createdAt: clock.now() }),
      expect.objectContaining({ kind: "new_enquiry", caseId, read: false }),
    ]);
    expectContentFree(JSON.stringify(bell.body.items.map((i) => ({ ...i, caseId: null }))));
    // Anna's bell (same team) has the enquiry from the start, not Ben's message.
    const anna = await apiAs(server, await fresh(f.anna)).call(GetMyNotifications);
    expect(anna.body.items.map((i) => i.kind)).toEqual(["new_enquiry"]);
    // A client has no bell.
    expect((await apiAs(server, clientSession).call(GetMyNotifications)).status).toBe(403);

    const read = await apiAs(server, ben).call(MarkMyNotificationsRead, { body: { ids: [bell.body.items[0]!.id] } });
    expect(read.body.unread).toBe(1);
    expect(read.body.items.map((i) => i.read)).toEqual([true, false]);
    // Someone else's ids change nothing of theirs.
    await apiAs(server, ben).call(MarkMyNotificationsRead, { body: { ids: [anna.body.items[0]!.id] } });
    expect((await apiAs(server, await fresh(f.anna)).call(GetMyNotifications)).body.unread).toBe(1);
    const allRead = await apiAs(server, await fresh(f.anna)).call(MarkMyNotificationsRead, { body: { all: true } });
    expect(allRead.body.unread).toBe(0);

    // A handover to Anna: her bell says so.
    const handed = await apiAs(server, await fresh(f.ben)).call(HandOverCase, {
      params: { caseId },
      body: { toAccountId: f.anna.id },
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    const annaAfter = await apiAs(server, await fresh(f.anna)).call(GetMyNotifications);
    expect(annaAfter.body.items[0]).toMatchObject({ kind: "handed_to_me", caseId, read: false });
    // Ben breaks the glass on Anna's case: the team's lead is told (kind and case, never the reason), Ben is not.
    const reason = "Die Klientin hat einen Notfall gemeldet";
    const glass = await apiAs(server, await fresh(f.ben)).call(RequestBreakGlass, {
      params: { caseId },
      body: { reason },
    });
    expect(glass.status, JSON.stringify(glass.body)).toBe(201);
    const lead = await apiAs(server, await fresh(f.lead)).call(GetMyNotifications);
    expect(lead.body.items[0]).toMatchObject({ kind: "break_glass", caseId, read: false });
    expect(JSON.stringify(lead.body)).not.toContain(reason);
    const benAfter = await apiAs(server, await fresh(f.ben)).call(GetMyNotifications);
    expect(benAfter.body.items.map((i) => i.kind)).not.toContain("break_glass");
    // Ben removes his subscription: nothing is pushed to it again.
    const removed = await apiAs(server, ben).call(DeleteMyPushSubscription, {
      params: { id: added.body.subscriptions.find((s) => s.thisLogin)!.id },
    });
    expect(removed.body.subscriptions).toEqual([]);
  });

  it("a subscription the push service calls gone (410) is pruned", async () => {
    push.answer(410);
    clock.advance(16 * 60_000);
    await send(f.anna);
    await settled();
    expect(await server.ctx.db.db.selectFrom("push_subscriptions").selectAll().execute()).toEqual([]);
    push.answer(201);
  });

  it("logging out removes the subscription of that login", async () => {
    // A new login on the client's own device (the earlier one went idle on the moved clock).
    const session = await fresh(f.client);
    const device = await keptDevice(f.client.id, session.sessionId);
    const client = apiAs(server, session);
    const again = await client.call(AddMyPushSubscription, {
      body: { deviceId: device, endpoint: clientBrowser.endpoint, keys: clientBrowser.keys },
    });
    expect(again.body.subscriptions).toHaveLength(1);
    expect((await client.call(Logout)).status).toBe(204);
    expect(await server.ctx.db.db.selectFrom("push_subscriptions").selectAll().execute()).toEqual([]);
    const list = await apiAs(server, await fresh(f.client)).call(GetMyPushSubscriptions);
    expect(list.body.subscriptions).toEqual([]);
  });
});
