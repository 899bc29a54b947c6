// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDecryptStream, createEncryptStream, generateFileKey, padSize, transformBytes } from "@obhut/crypto";
import { ATTACHMENT_LIMITS, CompleteAttachment, CreateAttachment, GetAttachmentUpload } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { chunkBlobId, sweepAttachmentOrphans } from "../../src/modules/messaging/attachments";
import { createConversation } from "../../src/modules/messaging/conversations";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedOrganisation } from "../messaging/support";

const MiB = 1024 * 1024;
const CHUNK = ATTACHMENT_LIMITS.chunkBytes;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe.each(DIALECTS)("encrypted attachments (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let anna: SeededAccount;
  let ben: SeededAccount;
  let outsider: SeededAccount;
  let conversationId: string;
  let org: string;
  let address = 0;

  const as = (a: SeededAccount) => apiAs(server, a);
  /** Raw requests (octet-stream bodies, Range headers, binary downloads) that the JSON client does not cover. */
  const raw = (a: SeededAccount) => {
    const remoteAddress = `10.88.0.${++address}`;
    return (method: "GET" | "PUT", url: string, opts: { body?: Uint8Array; range?: string } = {}) =>
      server.app.inject({
        method,
        url,
        remoteAddress,
        headers: {
          cookie: a.cookie,
          ...(opts.body ? { "content-type": "application/octet-stream" } : {}),
          ...(opts.range ? { range: opts.range } : {}),
        },
        ...(opts.body ? { payload: Buffer.from(opts.body) } : {}),
      });
  };

  async function start(a: SeededAccount, size: number): Promise<string> {
    const res = await as(a).call(CreateAttachment, { body: { conversationId, size } });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body.chunkSize).toBe(CHUNK);
    expect(body.chunkCount).toBe(Math.ceil(size / CHUNK));
    return body.attachmentId;
  }

  const chunkOf = (data: Uint8Array, i: number) => data.subarray(i * CHUNK, Math.min(data.length, (i + 1) * CHUNK));

  async function upload(a: SeededAccount, data: Uint8Array, order?: number[]): Promise<string> {
    const id = await start(a, data.length);
    const count = Math.ceil(data.length / CHUNK);
    for (const i of order ?? [...Array(count).keys()]) {
      const res = await raw(a)("PUT", `/api/attachments/${id}/chunks/${i}`, { body: chunkOf(data, i) });
      expect(res.statusCode).toBe(204);
    }
    expect((await as(a).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    const now = clock.now();
    org = await seedOrganisation(db, now);
    anna = await seedAccount(db, { orgId: org, now });
    ben = await seedAccount(db, { orgId: org, now });
    outsider = await seedAccount(db, { orgId: await seedOrganisation(db, now), now });
    const actor = { accountId: anna.id, kind: "staff" as const, organisationId: org };
    conversationId = (await createConversation(server.ctx, { actor, kind: "team", memberIds: [ben.id] })).id;
  });
  afterAll(async () => server?.stop());

  it("uploads out of order, resumes after an interruption and serves whole and ranged downloads", async () => {
    const data = crypto.randomBytes(3 * CHUNK + 12_345);
    const id = await start(anna, data.length);
    // "Interrupted" after two chunks sent out of order.
    for (const i of [2, 0]) {
      expect(
        (await raw(anna)("PUT", `/api/attachments/${id}/chunks/${i}`, { body: chunkOf(data, i) })).statusCode,
      ).toBe(204);
    }
    expect((await as(anna).call(CompleteAttachment, { params: { id } })).status).toBe(409);
    expect((await raw(ben)("GET", `/api/attachments/${id}`)).statusCode).toBe(404);
    const state = await as(anna).call(GetAttachmentUpload, { params: { id } });
    expect(state.body).toMatchObject({ received: [0, 2], chunkCount: 4, complete: false, size: data.length });
    // Only the uploader sees the upload state.
    expect((await as(ben).call(GetAttachmentUpload, { params: { id } })).status).toBe(404);
    // Resume: send what is missing, then one chunk again (a lost response) — harmless.
    for (const i of [3, 1, 1]) {
      expect(
        (await raw(anna)("PUT", `/api/attachments/${id}/chunks/${i}`, { body: chunkOf(data, i) })).statusCode,
      ).toBe(204);
    }
    const done = await as(anna).call(CompleteAttachment, { params: { id } });
    expect(done).toMatchObject({ status: 200, body: { attachmentId: id, size: data.length } });
    expect((await as(anna).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    expect((await as(anna).call(GetAttachmentUpload, { params: { id } })).body).toMatchObject({ complete: true });
    // Staged chunks are gone once joined.
    for (let i = 0; i < 4; i++) expect(await server.ctx.blobs.size(chunkBlobId(id, i))).toBeNull();

    const whole = await raw(ben)("GET", `/api/attachments/${id}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(data)).toBe(true);
    expect(whole.headers["content-type"]).toBe("application/octet-stream");
    expect(whole.headers["content-disposition"]).toBe("attachment");
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    expect(whole.headers["cache-control"]).toBe("no-store");

    const size = data.length;
    const cases: [string, number, number][] = [
      ["bytes=0-0", 0, 1],
      ["bytes=0-99", 0, 100],
      [`bytes=${CHUNK - 10}-${CHUNK + 9}`, CHUNK - 10, CHUNK + 10],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size],
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size],
      [`bytes=${2 * CHUNK}-`, 2 * CHUNK, size],
      ["bytes=-100", size - 100, size],
      [`bytes=-${size + 50}`, 0, size],
    ];
    for (const [header, start, end] of cases) {
      const res = await raw(ben)("GET", `/api/attachments/${id}`, { range: header });
      expect(res.statusCode, header).toBe(206);
      expect(res.headers["content-range"], header).toBe(`bytes ${start}-${end - 1}/${size}`);
      expect(res.rawPayload.equals(data.subarray(start, end)), header).toBe(true);
    }
    for (const header of [
      `bytes=${size}-`,
      "bytes=5-2",
      "bytes=-0",
      "bytes=-",
      "bytes=0-1,5-6",
      "items=0-1",
      "bytes=x-1",
    ]) {
      const res = await raw(ben)("GET", `/api/attachments/${id}`, { range: header });
      expect(res.statusCode, header).toBe(416);
      expect(res.json(), header).toMatchObject({ error: { code: "range_not_satisfiable" } });
      expect(res.headers["content-range"], header).toBe(`bytes */${size}`);
    }
  });

  it("never shows half an attachment: a completion that died before marking it is finished by a retry", async () => {
    const data = crypto.randomBytes(CHUNK + 77);
    const id = await start(anna, data.length);
    for (const i of [0, 1]) await raw(anna)("PUT", `/api/attachments/${id}/chunks/${i}`, { body: chunkOf(data, i) });
    // The state a crash between "blob joined" and "marked complete" leaves behind.
    await server.ctx.blobs.put(id, data);
    expect((await raw(ben)("GET", `/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await as(anna).call(GetAttachmentUpload, { params: { id } })).body).toMatchObject({ complete: false });
    expect((await as(anna).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    expect((await raw(ben)("GET", `/api/attachments/${id}`)).rawPayload.equals(data)).toBe(true);
    for (const i of [0, 1]) expect(await server.ctx.blobs.size(chunkBlobId(id, i))).toBeNull();
  });

  it("answers non-members with 404 and audits the attempt", async () => {
    const id = await upload(anna, crypto.randomBytes(1000));
    expect((await raw(outsider)("GET", `/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await raw(outsider)("GET", `/api/attachments/${"x".repeat(22)}`)).statusCode).toBe(404);
    expect((await as(outsider).call(CreateAttachment, { body: { conversationId, size: 10 } })).status).toBe(404);
    const audits = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "target_id"])
      .where("actor_id", "=", outsider.id)
      .execute();
    const denied = audits.filter((a) => a.action === "conversation.access_denied");
    expect(denied).toEqual([
      { action: "conversation.access_denied", target_id: conversationId },
      { action: "conversation.access_denied", target_id: conversationId },
    ]);
  });

  it("accepts an identical re-sent chunk and refuses different bytes, wrong sizes and other types", async () => {
    const data = crypto.randomBytes(CHUNK + 10);
    const id = await start(anna, data.length);
    const put = (i: number, body: Uint8Array) => raw(anna)("PUT", `/api/attachments/${id}/chunks/${i}`, { body });
    expect((await put(0, chunkOf(data, 0))).statusCode).toBe(204);
    expect((await put(0, chunkOf(data, 0))).statusCode).toBe(204);
    const other = Buffer.from(chunkOf(data, 0));
    other[5] = (other[5] ?? 0) ^ 1;
    expect((await put(0, other)).json()).toMatchObject({ error: { code: "conflict" } });
    expect((await put(1, crypto.randomBytes(11))).statusCode).toBe(400);
    expect((await put(2, crypto.randomBytes(10))).statusCode).toBe(400);
    expect((await put(1, crypto.randomBytes(CHUNK + 1))).statusCode).toBe(413);
    // Someone else cannot write into my upload.
    expect((await raw(ben)("PUT", `/api/attachments/${id}/chunks/1`, { body: chunkOf(data, 1) })).statusCode).toBe(404);
    // A JSON body where octet-stream chunks belong: deliberately malformed, so a raw call.
    const json = await as(anna).callRaw("PUT", `/api/attachments/${id}/chunks/1`, { bytes: "x" });
    expect(json.status).toBe(400);
    expect((await put(1, chunkOf(data, 1))).statusCode).toBe(204);
    expect((await as(anna).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    expect((await put(1, chunkOf(data, 1))).statusCode).toBe(409);
    expect((await raw(ben)("GET", `/api/attachments/${id}`)).rawPayload.equals(data)).toBe(true);
  });

  it("enforces the size cap and the per-account quota", async () => {
    const post = (size: number) => as(ben).call(CreateAttachment, { body: { conversationId, size } });
    expect((await post(ATTACHMENT_LIMITS.maxBytes + 1)).status).toBe(400);
    expect((await post(0)).status).toBe(400);
    const slots = ATTACHMENT_LIMITS.staffQuotaBytes / ATTACHMENT_LIMITS.maxBytes;
    for (let i = 0; i < slots; i++) expect((await post(ATTACHMENT_LIMITS.maxBytes)).status).toBe(201);
    const refused = await post(1);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: { code: "quota_exceeded" } });
    // Concurrent starts cannot overshoot the quota together.
    const carla = await seedAccount(server.ctx.db.db, { orgId: org, now: clock.now() });
    await server.ctx.db.db
      .insertInto("conversation_members")
      .values({
        conversation_id: conversationId,
        account_id: carla.id,
        role: "member",
        joined_at: clock.now(),
        left_at: null,
      })
      .execute();
    const parallel = await Promise.all(
      Array.from({ length: slots + 5 }, () =>
        as(carla).call(CreateAttachment, { body: { conversationId, size: ATTACHMENT_LIMITS.maxBytes } }),
      ),
    );
    expect(parallel.filter((r) => r.status === 201)).toHaveLength(slots);
    expect(parallel.filter((r) => r.status === 413)).toHaveLength(5);
    // Anna's quota is her own.
    expect((await as(anna).call(CreateAttachment, { body: { conversationId, size: MiB } })).status).toBe(201);
  });

  it("sweeps uploads not completed within 24 h with their chunks, freeing the quota", async () => {
    const data = crypto.randomBytes(2 * CHUNK);
    const pending = await start(anna, data.length);
    expect(
      (await raw(anna)("PUT", `/api/attachments/${pending}/chunks/1`, { body: chunkOf(data, 1) })).statusCode,
    ).toBe(204);
    const kept = await upload(anna, crypto.randomBytes(500));
    expect(await server.ctx.blobs.size(chunkBlobId(pending, 1))).toBe(CHUNK);

    clock.advance(ATTACHMENT_LIMITS.uploadTtlMs - 1000);
    expect(await sweepAttachmentOrphans(server.ctx, clock.now())).toBe(0);
    clock.advance(2000);
    // The test sessions would have expired by now; only the uploads are meant to age.
    await server.ctx.db.db
      .updateTable("sessions")
      .set({ created_at: clock.now(), last_seen_at: clock.now(), expires_at: clock.now() + 3600_000 })
      .execute();
    // Expired uploads are refused even before the sweep runs.
    expect((await as(anna).call(GetAttachmentUpload, { params: { id: pending } })).status).toBe(404);
    // Through the real hourly job, as a node would run it.
    const scheduler = createScheduler({ db: server.ctx.db.db, nodeId: "test-node", clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    const run = await server.ctx.db.db
      .selectFrom("job_runs")
      .select(["status", "result"])
      .where("job", "=", "attachment-orphans")
      .orderBy("slot", "desc")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("succeeded");
    expect(JSON.parse(run.result ?? "{}")).toMatchObject({ uploads: 42 });
    expect(await server.ctx.blobs.size(chunkBlobId(pending, 1))).toBeNull();
    const left = await server.ctx.db.db.selectFrom("attachments").select("id").where("id", "=", pending).execute();
    expect(left).toEqual([]);
    expect(await server.ctx.db.db.selectFrom("attachment_chunks").selectAll().execute()).toEqual([]);
    // Completed attachments stay; ben's 20 reserved-but-unsent uploads were swept too, so his quota is free again.
    expect((await raw(anna)("GET", `/api/attachments/${kept}`)).statusCode).toBe(200);
    expect((await as(ben).call(CreateAttachment, { body: { conversationId, size: MiB } })).status).toBe(201);
  });

  it("round-trips a real encrypted attachment; the plaintext never reaches the database or the blob folder", async () => {
    const marker = Buffer.from(`OBHUT-PLAINTEXT-${dialect}-${crypto.randomBytes(6).toString("hex")}|`);
    const plaintext = Buffer.concat(Array.from({ length: Math.ceil((CHUNK * 2.3) / marker.length) }, () => marker));
    const fileKey = generateFileKey();
    const ciphertext = await transformBytes(createEncryptStream(fileKey, { padTo: padSize(plaintext.length) }), [
      plaintext.subarray(0, 1000),
      plaintext.subarray(1000),
    ]);
    const count = Math.ceil(ciphertext.length / CHUNK);
    const id = await upload(anna, ciphertext, [...Array(count).keys()].reverse());

    const res = await raw(ben)("GET", `/api/attachments/${id}`);
    expect(res.rawPayload.length).toBe(ciphertext.length);
    const decrypted = await transformBytes(createDecryptStream(fileKey, { plaintextSize: plaintext.length }), [
      new Uint8Array(res.rawPayload),
    ]);
    expect(Buffer.from(decrypted).equals(plaintext)).toBe(true);

    const needle = marker.subarray(0, 24);
    for (const file of filesUnder(server.dataDir)) expect(fs.readFileSync(file).includes(needle), file).toBe(false);
    const blobs = await server.ctx.db.db.selectFrom("blobs").select("data").execute();
    for (const b of blobs) expect(Buffer.from(b.data).includes(needle)).toBe(false);
    const rows = JSON.stringify(await server.ctx.db.db.selectFrom("attachments").selectAll().execute());
    expect(rows.includes(needle.toString())).toBe(false);
    // The blob that exists is the ciphertext, byte for byte.
    expect(await server.ctx.blobs.size(id)).toBe(ciphertext.length);
  });
});
