// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  ATTACHMENT_LIMITS,
  CompleteAttachment,
  CreateAttachment,
  DEFAULT_ATTACHMENT_TYPES,
  DeleteAttachment,
  GetAttachmentPolicy,
  GetConversationAttachmentPolicy,
  UpdateAttachmentPolicy,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkBlobId } from "../../src/modules/messaging/attachments";
import { createConversation } from "../../src/modules/messaging/conversations";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { seedAgency, seedCaseRow } from "../cases/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Per-organisation attachment policy (size cap on the padded ciphertext,
 * allowed types for clients to enforce) and attachment deletion, through
 * the HTTP API on both dialects.
 */
const MiB = 1024 * 1024;
const CHUNK = ATTACHMENT_LIMITS.chunkBytes;

describe.each(DIALECTS)("attachment policy and deletion (%s)", (dialect) => {
  let server: TestServer;
  let a: SeededOrg;
  let b: SeededOrg;
  let adminA: SeededAccount;
  let dpoA: SeededAccount;
  let counsellorA: SeededAccount;
  let colleagueA: SeededAccount;
  let adminB: SeededAccount;
  let staffB: SeededAccount;
  let client: SeededAccount;
  let teamConvA: string;
  let teamConvB: string;
  let caseId: string;
  let caseConv: string;
  let address = 0;

  const as = (who: SeededAccount) => apiAs(server, who);
  const policyPath = (orgId: string) => `/api/organisations/${orgId}/attachment-policy`;
  /** Octet-stream chunk uploads and downloads, which sendAs (JSON) does not cover. */
  const raw = (who: SeededAccount, method: "GET" | "PUT", url: string, body?: Uint8Array) =>
    server.app.inject({
      method,
      url,
      remoteAddress: `10.89.0.${++address % 250}`,
      headers: { cookie: who.cookie, ...(body ? { "content-type": "application/octet-stream" } : {}) },
      ...(body ? { payload: Buffer.from(body) } : {}),
    });

  async function upload(who: SeededAccount, conversationId: string, data: Uint8Array): Promise<string> {
    const started = await as(who).call(CreateAttachment, { body: { conversationId, size: data.length } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = (started.body as { attachmentId: string }).attachmentId;
    for (let i = 0; i * CHUNK < data.length; i++) {
      const res = await raw(
        who,
        "PUT",
        `/api/attachments/${id}/chunks/${i}`,
        data.subarray(i * CHUNK, (i + 1) * CHUNK),
      );
      expect(res.statusCode).toBe(204);
    }
    expect((await as(who).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    return id;
  }

  const audits = (action: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["organisation_id", "actor_id", "target_id", "data"])
      .where("action", "=", action)
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    a = await seedOrg(db);
    b = await seedOrg(db);
    adminA = await seedAccount(db, { orgId: a.orgId, role: "org_admin" });
    dpoA = await seedAccount(db, { orgId: a.orgId, role: "dpo" });
    counsellorA = await seedAccount(db, { orgId: a.orgId, role: "counsellor", team: { id: a.teamId, role: "member" } });
    colleagueA = await seedAccount(db, { orgId: a.orgId, role: "counsellor", team: { id: a.teamId, role: "member" } });
    adminB = await seedAccount(db, { orgId: b.orgId, role: "org_admin" });
    staffB = await seedAccount(db, { orgId: b.orgId, role: "counsellor" });
    client = await seedAccount(db, { orgId: null, role: "client" });
    const staff = (s: SeededAccount, orgId: string) => ({
      accountId: s.id,
      kind: "staff" as const,
      organisationId: orgId,
    });
    teamConvA = (
      await createConversation(server.ctx, {
        actor: staff(counsellorA, a.orgId),
        kind: "team",
        memberIds: [colleagueA.id],
      })
    ).id;
    teamConvB = (
      await createConversation(server.ctx, { actor: staff(staffB, b.orgId), kind: "team", memberIds: [adminB.id] })
    ).id;
    const { agencyId, topicId } = await seedAgency(db, { orgId: a.orgId, teamId: a.teamId });
    ({ caseId, conversationId: caseConv } = await seedCaseRow(db, {
      orgId: a.orgId,
      teamId: a.teamId,
      agencyId,
      topicId,
      client,
      staffIds: [counsellorA.id, colleagueA.id],
      assigneeId: counsellorA.id,
    }));
  });
  afterAll(async () => server?.stop());

  it("starts with the defaults: the instance limit and images, PDF, text and office documents", async () => {
    const res = await as(adminA).call(GetAttachmentPolicy, { params: { orgId: a.orgId } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      maxBytes: ATTACHMENT_LIMITS.maxBytes,
      allowedTypes: [...DEFAULT_ATTACHMENT_TYPES],
      instanceMaxBytes: ATTACHMENT_LIMITS.maxBytes,
      isDefault: true,
      updatedAt: null,
      // The organisation's attachment storage against the default cap of 20 GiB (issue #13, 11).
      storage: { usedBytes: 0, capBytes: 20 * 1024 * MiB },
    });
    expect(DEFAULT_ATTACHMENT_TYPES).toEqual(
      expect.arrayContaining(["image/*", "application/pdf", "text/plain", "application/msword"]),
    );
  });

  it("refuses bad policies with invalid_body and changes nothing", async () => {
    const put = (body: unknown) => as(adminA).callRaw("PUT", policyPath(a.orgId), body);
    const bad: unknown[] = [
      { maxBytes: MiB, allowedTypes: [] },
      { maxBytes: ATTACHMENT_LIMITS.maxBytes + 1, allowedTypes: ["image/*"] },
      { maxBytes: 1000, allowedTypes: ["image/*"] },
      { maxBytes: 1.5 * MiB + 0.5, allowedTypes: ["image/*"] },
      { maxBytes: MiB, allowedTypes: ["Image/PNG"] },
      { maxBytes: MiB, allowedTypes: ["pdf"] },
      { maxBytes: MiB, allowedTypes: ["image/*/x"] },
      { maxBytes: MiB, allowedTypes: ["*/pdf"] },
      { maxBytes: MiB, allowedTypes: ["image/*", "image/*"] },
      { maxBytes: MiB, allowedTypes: Array.from({ length: 51 }, (_, i) => `application/x-t${i}`) },
      { maxBytes: MiB, allowedTypes: ["image/*"], extra: true },
      { allowedTypes: ["image/*"] },
    ];
    for (const body of bad) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toMatchObject({ error: { code: "invalid_body" } });
    }
    expect((await as(adminA).call(GetAttachmentPolicy, { params: { orgId: a.orgId } })).body).toMatchObject({
      isDefault: true,
    });
  });

  it("only the organisation's admins change it (DPO reads), other organisations get 404; the change is audited", async () => {
    const body = { maxBytes: 2 * MiB, allowedTypes: ["image/*", "application/pdf"] };
    expect((await as(counsellorA).call(GetAttachmentPolicy, { params: { orgId: a.orgId } })).status).toBe(403);
    expect((await as(counsellorA).call(UpdateAttachmentPolicy, { params: { orgId: a.orgId }, body })).status).toBe(403);
    expect((await as(dpoA).call(GetAttachmentPolicy, { params: { orgId: a.orgId } })).status).toBe(200);
    expect((await as(dpoA).call(UpdateAttachmentPolicy, { params: { orgId: a.orgId }, body })).status).toBe(403);
    // Tenant isolation: B's admin neither reads nor changes A's policy, and learns nothing about the id.
    for (const method of ["GET", "PUT"]) {
      const res = await as(adminB).callRaw(method, policyPath(a.orgId), method === "PUT" ? body : undefined);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await as(client).call(GetAttachmentPolicy, { params: { orgId: a.orgId } })).status).toBe(404);
    expect((await as(adminA).call(GetAttachmentPolicy, { params: { orgId: "org-does-not-exist" } })).status).toBe(404);
    expect(await audits("attachment.policy_updated")).toEqual([]);

    const res = await as(adminA).call(UpdateAttachmentPolicy, { params: { orgId: a.orgId }, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...body, isDefault: false, instanceMaxBytes: ATTACHMENT_LIMITS.maxBytes });
    expect((await as(dpoA).call(GetAttachmentPolicy, { params: { orgId: a.orgId } })).body).toMatchObject(body);
    // B keeps the defaults.
    expect((await as(adminB).call(GetAttachmentPolicy, { params: { orgId: b.orgId } })).body).toMatchObject({
      isDefault: true,
    });
    const [event, ...more] = await audits("attachment.policy_updated");
    expect(more).toEqual([]);
    expect(event).toMatchObject({ organisation_id: a.orgId, actor_id: adminA.id, target_id: a.orgId });
    expect(JSON.parse(event!.data)).toEqual({ maxBytes: 2 * MiB, allowedTypes: "image/*,application/pdf" });
  });

  it("enforces the cap of the conversation's organisation on the declared size; other organisations are unaffected", async () => {
    const start = (who: SeededAccount, conversationId: string, size: number) =>
      as(who).call(CreateAttachment, { body: { conversationId, size } });
    const refused = await start(counsellorA, teamConvA, 2 * MiB + 1);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: { code: "payload_too_large" } });
    // The client of A's case is held to A's cap too, although the account belongs to no organisation.
    expect((await start(client, caseConv, 2 * MiB + 1)).status).toBe(413);
    expect((await start(counsellorA, teamConvA, 2 * MiB)).status).toBe(201);
    expect((await start(staffB, teamConvB, 2 * MiB + 1)).status).toBe(201);
    expect((await start(staffB, teamConvB, ATTACHMENT_LIMITS.maxBytes)).status).toBe(201);
  });

  it("gives every member the effective policy of the conversation, and nobody else", async () => {
    const forA = { maxBytes: 2 * MiB, allowedTypes: ["image/*", "application/pdf"] };
    expect((await as(client).call(GetConversationAttachmentPolicy, { params: { id: caseConv } })).body).toEqual({
      policy: forA,
      deleted: [],
    });
    expect((await as(colleagueA).call(GetConversationAttachmentPolicy, { params: { id: teamConvA } })).body).toEqual({
      policy: forA,
      deleted: [],
    });
    expect((await as(staffB).call(GetConversationAttachmentPolicy, { params: { id: teamConvB } })).body).toEqual({
      policy: { maxBytes: ATTACHMENT_LIMITS.maxBytes, allowedTypes: [...DEFAULT_ATTACHMENT_TYPES] },
      deleted: [],
    });
    expect((await as(staffB).call(GetConversationAttachmentPolicy, { params: { id: teamConvA } })).status).toBe(404);
    expect((await as(adminA).call(GetConversationAttachmentPolicy, { params: { id: teamConvA } })).status).toBe(404);
  });

  it("lets the uploader delete: blob and chunks gone, quota freed, downloads answer attachment_deleted, audited", async () => {
    const data = crypto.randomBytes(CHUNK + 500);
    const id = await upload(counsellorA, teamConvA, data);
    expect(await server.ctx.blobs.size(id)).toBe(data.length);

    // Another member may not delete it (403, audited); an outsider does not see it (404).
    const other = await as(colleagueA).call(DeleteAttachment, { params: { id } });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ error: { code: "forbidden" } });
    expect((await as(staffB).call(DeleteAttachment, { params: { id } })).status).toBe(404);
    expect((await raw(colleagueA, "GET", `/api/attachments/${id}`)).statusCode).toBe(200);
    const denied = (await audits("conversation.access_denied")).filter((e) => e.target_id === teamConvA);
    expect(denied.map((e) => [e.actor_id, JSON.parse(e.data).action])).toEqual(
      expect.arrayContaining([
        [colleagueA.id, "attachment.delete"],
        [staffB.id, "read"],
      ]),
    );

    expect((await as(counsellorA).call(DeleteAttachment, { params: { id } })).status).toBe(204);
    expect(await server.ctx.blobs.size(id)).toBeNull();
    expect(await server.ctx.db.db.selectFrom("attachments").select("id").where("id", "=", id).execute()).toEqual([]);
    expect(await server.ctx.db.db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);

    const gone = await raw(colleagueA, "GET", `/api/attachments/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: { code: "attachment_deleted" } });
    // Outsiders learn nothing: a plain not_found.
    const outsider = await raw(staffB, "GET", `/api/attachments/${id}`);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await as(counsellorA).call(DeleteAttachment, { params: { id } })).body).toMatchObject({
      error: { code: "attachment_deleted" },
    });
    expect(
      (await as(colleagueA).call(GetConversationAttachmentPolicy, { params: { id: teamConvA } })).body,
    ).toMatchObject({
      deleted: [id],
    });

    const [event] = (await audits("attachment.deleted")).filter((e) => e.target_id === id);
    expect(event).toMatchObject({ organisation_id: a.orgId, actor_id: counsellorA.id });
    // Sizes and ids only: the server never knew a name or type to leak.
    expect(JSON.parse(event!.data)).toEqual({ conversationId: teamConvA, size: data.length, byUploader: true });
  });

  it("frees the quota: a full account can upload again after deleting", async () => {
    // B has the defaults: fill staffB's quota with reservations plus one finished upload.
    const kept = await upload(staffB, teamConvB, crypto.randomBytes(1000));
    const used = await server.ctx.db.db
      .selectFrom("attachments")
      .select("size")
      .where("uploader_id", "=", staffB.id)
      .execute();
    let free = ATTACHMENT_LIMITS.staffQuotaBytes - used.reduce((n, r) => n + Number(r.size), 0);
    while (free >= ATTACHMENT_LIMITS.maxBytes) {
      const res = await as(staffB).call(CreateAttachment, {
        body: {
          conversationId: teamConvB,
          size: ATTACHMENT_LIMITS.maxBytes,
        },
      });
      expect(res.status).toBe(201);
      free -= ATTACHMENT_LIMITS.maxBytes;
    }
    const wanted = free + 1000;
    const full = await as(staffB).call(CreateAttachment, { body: { conversationId: teamConvB, size: wanted } });
    expect(full.body).toMatchObject({ error: { code: "quota_exceeded" } });
    expect((await as(staffB).call(DeleteAttachment, { params: { id: kept } })).status).toBe(204);
    expect(
      (await as(staffB).call(CreateAttachment, { body: { conversationId: teamConvB, size: wanted } })).status,
    ).toBe(201);
  });

  it("deletes an unfinished upload with its staged chunks", async () => {
    const started = await as(colleagueA).call(CreateAttachment, {
      body: { conversationId: teamConvA, size: CHUNK + 10 },
    });
    const id = (started.body as { attachmentId: string }).attachmentId;
    expect(
      (await raw(colleagueA, "PUT", `/api/attachments/${id}/chunks/0`, crypto.randomBytes(CHUNK))).statusCode,
    ).toBe(204);
    expect(await server.ctx.blobs.size(chunkBlobId(id, 0))).toBe(CHUNK);
    // Someone else's unfinished upload does not exist for them.
    expect((await as(counsellorA).call(DeleteAttachment, { params: { id } })).status).toBe(404);
    expect((await as(colleagueA).call(DeleteAttachment, { params: { id } })).status).toBe(204);
    expect(await server.ctx.blobs.size(chunkBlobId(id, 0))).toBeNull();
    expect(
      await server.ctx.db.db.selectFrom("attachment_chunks").selectAll().where("attachment_id", "=", id).execute(),
    ).toEqual([]);
  });

  it("lets the case's assignee remove a client's attachment, not a colleague; a legal hold keeps it", async () => {
    const first = await upload(client, caseConv, crypto.randomBytes(700));
    // A colleague of the team on a case assigned to someone else: refused (break glass would be needed to even read).
    expect((await as(colleagueA).call(DeleteAttachment, { params: { id: first } })).status).toBe(403);
    expect((await as(adminA).call(DeleteAttachment, { params: { id: first } })).status).toBe(404);
    expect((await as(counsellorA).call(DeleteAttachment, { params: { id: first } })).status).toBe(204);
    const [event] = (await audits("attachment.deleted")).filter((e) => e.target_id === first);
    expect(JSON.parse(event!.data)).toMatchObject({ byUploader: false });
    expect((await raw(client, "GET", `/api/attachments/${first}`)).json()).toMatchObject({
      error: { code: "attachment_deleted" },
    });

    const second = await upload(client, caseConv, crypto.randomBytes(700));
    await server.ctx.db.db
      .insertInto("legal_holds")
      .values({
        id: `hold-${crypto.randomBytes(6).toString("hex")}`,
        organisation_id: a.orgId,
        case_id: caseId,
        reason: "Gerichtsverfahren",
        set_by: adminA.id,
        set_at: Date.now(),
        released_by: null,
        released_at: null,
      })
      .execute();
    const held = await as(client).call(DeleteAttachment, { params: { id: second } });
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({ error: { code: "erasure_blocked" } });
    expect(await server.ctx.blobs.size(second)).toBe(700);
  });
});
