// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  AcceptCase,
  type CaseView,
  CompleteAttachment,
  CreateAttachment,
  DeleteAttachment,
  GetConversationAttachmentPolicy,
  ListMessages,
  OpenCase,
  RequestBreakGlass,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededAccount } from "../helpers/factories";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Issue #13 (5): an attachment of a colleague's assigned case is case content
 * like its messages. Ben (same team, not the assignee) gets the same
 * `break_glass_required` as for the message history, audited; after stating
 * a reason he downloads it, and that read is audited as break-glass access.
 */
describe.each(DIALECTS)("attachments of a colleague's case (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let c: CaseView;
  const clock = manualClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  let address = 0;
  const raw = (a: SeededAccount, method: "GET" | "PUT", url: string, body?: Uint8Array) =>
    server.app.inject({
      method,
      url,
      remoteAddress: `10.89.0.${++address}`,
      headers: { cookie: a.cookie, ...(body ? { "content-type": "application/octet-stream" } : {}) },
      ...(body ? { payload: Buffer.from(body) } : {}),
    });
  const code = (body: unknown) => (body as { error?: { code: string } }).error?.code;

  async function upload(a: SeededAccount, data: Uint8Array): Promise<string> {
    const start = await as(a).call(CreateAttachment, { body: { conversationId: c.conversationId, size: data.length } });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const id = (start.body as { attachmentId: string }).attachmentId;
    expect((await raw(a, "PUT", `/api/attachments/${id}/chunks/0`, data)).statusCode).toBe(204);
    expect((await as(a).call(CompleteAttachment, { params: { id } })).status).toBe(200);
    return id;
  }

  const audits = (action: string, actorId: string) =>
    server.ctx.db.db
      .selectFrom("audit_events")
      .select(["target_id", "data"])
      .where("action", "=", action)
      .where("actor_id", "=", actorId)
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    const res = await as(f.client).call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    c = (res.body as { case: CaseView }).case;
    expect((await as(f.anna).call(AcceptCase, { params: { caseId: c.id } })).status).toBe(200);
  });
  afterAll(async () => server?.stop());

  it("refuses the download like the message history until break glass, and audits both ways", async () => {
    const data = crypto.randomBytes(1000);
    const id = await upload(f.client, data);
    const gone = await upload(f.client, crypto.randomBytes(10));
    expect((await as(f.client).call(DeleteAttachment, { params: { id: gone } })).status).toBe(204);

    // The assignee and the lead download as before.
    for (const who of [f.anna, f.lead]) {
      const res = await raw(who, "GET", `/api/attachments/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(data)).toBe(true);
    }

    // Ben: the same refusal as for the messages, for the attachment, its tombstone and the conversation's policy.
    const history = await as(f.ben).call(ListMessages, { params: { id: c.conversationId } });
    expect(history.status).toBe(403);
    expect(code(history.body)).toBe("break_glass_required");
    for (const url of [`/api/attachments/${id}`, `/api/attachments/${gone}`]) {
      const res = await raw(f.ben, "GET", url);
      expect(res.statusCode, url).toBe(403);
      expect(code(res.json()), url).toBe("break_glass_required");
      expect(res.rawPayload.includes(data.subarray(0, 32)), url).toBe(false);
    }
    const policy = await as(f.ben).call(GetConversationAttachmentPolicy, { params: { id: c.conversationId } });
    expect(code(policy.body)).toBe("break_glass_required");
    // Audited like the history (repeats within a minute fold into one summary row: core/audit-aggregate.ts).
    const denied = await audits("case.access_denied", f.ben.id);
    for (const e of denied) {
      expect(e.target_id).toBe(c.id);
      expect(JSON.parse(e.data)).toMatchObject({ reason: "break_glass_required" });
    }
    expect(new Set(denied.map((e) => (JSON.parse(e.data) as { action: string }).action))).toEqual(
      new Set(["conversation.read", "attachment.read"]),
    );
    expect(await audits("case.break_glass_read", f.ben.id)).toEqual([]);

    // With a grant: the bytes, a deleted attachment says so, and the read is in the log as break-glass access.
    const grant = await as(f.ben).call(RequestBreakGlass, {
      params: { caseId: c.id },
      body: { reason: "Vertretung, Anna ist krank" },
    });
    expect(grant.status).toBe(201);
    const res = await raw(f.ben, "GET", `/api/attachments/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(code((await raw(f.ben, "GET", `/api/attachments/${gone}`)).json())).toBe("attachment_deleted");
    const reads = await audits("case.break_glass_read", f.ben.id);
    expect(reads.map((e) => e.target_id)).toEqual([c.id]);
    expect(JSON.parse(reads[0]!.data)).toEqual({ action: "attachment.read", conversation: "case" });
    // The assignee's own reads are no break-glass access.
    expect(await audits("case.break_glass_read", f.anna.id)).toEqual([]);

    // After the hour, refused again.
    clock.advance(60 * 60_000);
    expect(code((await raw(f.ben, "GET", `/api/attachments/${id}`)).json())).toBe("break_glass_required");
  });
});
