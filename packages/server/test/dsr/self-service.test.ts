// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { finishLogin, startLogin } from "@obhut/crypto";
import {
  AccountDeletionFinish,
  AccountDeletionStart,
  CurrentSession,
  GetAccountDeletion,
  GetMyData,
  GiveMyConsent,
  type MyDataView,
  OpenCase,
  ReleaseLegalHold,
  SendMessage,
  SetLegalHold,
  SetRestriction,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount } from "../helpers/factories";
import { loginClient, registerStaff } from "../admin/support";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";
import { api, apiAs, type ApiClient, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * A client's own rights (issue 7.5, COMPLIANCE 9–10): the complete export
 * of what the server holds (audited with counts only), and erasure after a
 * fresh password proof and the typed account name — for real: rows, blobs
 * and key wraps; a legal hold or restriction blocks it with a reason.
 */

describe.each(DIALECTS)("client self-service: export and erasure (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let f: CounsellingFixture;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
  });
  afterAll(async () => server?.stop());

  /** A client with a real password, logged in, with one case, a counsellor reply, an attachment and a consent. */
  async function clientWithCase() {
    const db = server.ctx.db.db;
    const account = await registerStaff(server, { orgId: null, role: "client", kind: "client" });
    const send = api((await loginClient(server, account.username, account.password)).send);
    const body = openCaseBody({ agencyId: f.agencyId, topicId: f.topicId });
    const opened = await send.call(OpenCase, { body });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const reply = await apiAs(server, f.anna).call(SendMessage, {
      params: { id: body.conversationId },
      body: {
        clientMsgId: rid("cm"),
        envelope: fakeBytes(200),
      },
    });
    expect(reply.status).toBe(201);
    const attachmentId = rid("att");
    const bytes = crypto.randomBytes(3000);
    await server.ctx.blobs.put(attachmentId, bytes);
    await db
      .insertInto("attachments")
      .values({
        id: attachmentId,
        conversation_id: body.conversationId,
        uploader_id: account.id,
        size: bytes.length,
        chunk_size: 1024 * 1024,
        chunk_count: 1,
        created_at: clock.now(),
        completed_at: clock.now(),
      })
      .execute();
    const consent = await send.call(GiveMyConsent, {
      body: {
        organisationId: f.orgId,
        caseId: body.caseId,
        capacity: "adult",
        purpose: "referral",
        recipients: ["Schuldnerberatung Nord"],
        channels: ["email"],
        textSha256: "a".repeat(64),
        language: "de",
      },
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    return { account, send, caseId: body.caseId, conversationId: body.conversationId, attachmentId };
  }

  async function deleteAccount(send: ApiClient, props: { password: string; username: string }) {
    const start = await startLogin(props.password);
    const r1 = await send.call(AccountDeletionStart, { body: { startLoginRequest: start.request } });
    if (r1.status !== 200) return r1;
    const { deletionId, loginResponse } = r1.body as { deletionId: string; loginResponse: string };
    let finishLoginRequest: string;
    try {
      finishLoginRequest = (
        await finishLogin({ password: props.password, state: start.state, response: loginResponse })
      ).finishRequest;
    } catch {
      // Wrong password: the browser notices first; a junk proof of the usual size shows what the server does.
      finishLoginRequest = Buffer.alloc(64, 7).toString("base64url");
    }
    return send.call(AccountDeletionFinish, { body: { deletionId, finishLoginRequest, username: props.username } });
  }

  it("the export holds everything about the account, and is audited with counts only", async () => {
    const { account, send, caseId, conversationId, attachmentId } = await clientWithCase();
    const res = await send.call(GetMyData);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const data = res.body as MyDataView;
    expect(data.account).toMatchObject({ id: account.id, username: account.username, kind: "client" });
    expect(data.sessions).toHaveLength(1);
    expect(data.cases).toHaveLength(1);
    expect(data.cases[0]).toMatchObject({
      case: { id: caseId, conversationId, organisationId: f.orgId },
      messageCount: 2,
      attachments: [{ id: attachmentId, uploaderIsMe: true, size: 3000, completed: true }],
      legalHold: false,
      restricted: false,
    });
    expect(data.cases[0]!.events.map((e) => e.type)).toEqual(["opened", "greeting"]);
    expect(data.consents).toHaveLength(1);
    expect(data.consents[0]).toMatchObject({ purpose: "referral", subject: { type: "case", caseId }, active: true });
    expect(data.channelPreferences.inApp).toBe(true);
    // Notes are the team's (encrypted to its key), never in the client's export.
    expect(JSON.stringify(data)).not.toContain('notesConversationId":"');
    const entries = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["data", "organisation_id"])
      .where("action", "=", "dsr.self_export")
      .where("actor_id", "=", account.id)
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.data)).toEqual({
      cases: 1,
      messages: 2,
      attachments: 1,
      consents: 1,
      acceptances: 0,
    });
    // Staff have no self-service export here.
    expect((await apiAs(server, f.anna).call(GetMyData)).status).toBe(403);
  });

  it("erasure needs the password and the typed name, then deletes account, cases, conversations, keys, blobs and consents", async () => {
    const db = server.ctx.db.db;
    const { account, send, caseId, conversationId, attachmentId } = await clientWithCase();
    const check = await send.call(GetAccountDeletion);
    expect(check.body).toEqual({ allowed: true, cases: 1, messages: 2, attachments: 1, blockers: [] });

    const wrong = await deleteAccount(send, { password: "not the password at all", username: account.username });
    expect(wrong.status).toBe(401);
    const typo = await deleteAccount(send, { password: account.password, username: "someone-else" });
    expect(typo.status).toBe(400);
    expect(await db.selectFrom("accounts").select("id").where("id", "=", account.id).execute()).toHaveLength(1);

    const done = await deleteAccount(send, { password: account.password, username: account.username.toUpperCase() });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ deleted: { cases: 1, messages: 2, attachments: 1 } });

    const gone = async (table: "accounts" | "sessions" | "cases" | "consent_records", column: string, id: string) =>
      expect(
        await db
          .selectFrom(table)
          .selectAll()
          .where(column as never, "=", id as never)
          .execute(),
      ).toEqual([]);
    await gone("accounts", "id", account.id);
    await gone("sessions", "account_id", account.id);
    await gone("cases", "id", caseId);
    await gone("consent_records", "client_id", account.id);
    for (const table of [
      "messages",
      "epoch_key_wraps",
      "epoch_team_wraps",
      "conversation_epochs",
      "attachments",
    ] as const)
      expect(await db.selectFrom(table).selectAll().where("conversation_id", "=", conversationId).execute()).toEqual(
        [],
      );
    expect(await server.ctx.blobs.size(attachmentId)).toBeNull();
    expect(await db.selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);

    // The session is over and the password no longer logs in.
    expect((await send.call(CurrentSession)).status).toBe(401);
    await expect(loginClient(server, account.username, account.password)).rejects.toThrow();

    // Audited without content: the account in the instance chain, the case in the organisation's.
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "organisation_id", "data"])
      .where("target_id", "in", [account.id, caseId])
      .where("action", "in", ["account.deleted", "case.deleted"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, a.organisation_id, JSON.parse(a.data).reason])).toEqual([
      ["case.deleted", f.orgId, "erasure"],
      ["account.deleted", null, "erasure"],
    ]);
  });

  it("a legal hold or a restriction blocks erasure with a reason; nothing is deleted", async () => {
    const db = server.ctx.db.db;
    const { account, send, caseId } = await clientWithCase();
    const dpo = await seedAccount(db, { orgId: f.orgId, role: "dpo" });
    const hold = await apiAs(server, dpo).call(SetLegalHold, {
      params: { caseId },
      body: {
        reason: "Gerichtsverfahren, Az. 3 O 12/26",
      },
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(200);
    const check = await send.call(GetAccountDeletion);
    expect(check.body).toMatchObject({
      allowed: false,
      blockers: [{ caseId, organisationId: f.orgId, reason: "legal_hold" }],
    });
    const refused = await deleteAccount(send, { password: account.password, username: account.username });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).code).toBe("erasure_blocked");
    expect(await db.selectFrom("accounts").select("id").where("id", "=", account.id).execute()).toHaveLength(1);
    expect(await db.selectFrom("cases").select("id").where("id", "=", caseId).execute()).toHaveLength(1);

    await apiAs(server, dpo).call(ReleaseLegalHold, { params: { caseId } });
    await apiAs(server, dpo).call(SetRestriction, {
      params: { orgId: f.orgId },
      body: {
        subject: { type: "client", clientId: account.id },
        reason: "Widerspruch wird geprüft (Art. 21)",
      },
    });
    expect(((await send.call(GetAccountDeletion)).body as { blockers: unknown[] }).blockers).toEqual([
      { caseId, organisationId: f.orgId, reason: "restriction" },
    ]);
    expect((await deleteAccount(send, { password: account.password, username: account.username })).status).toBe(409);
    const data = (await send.call(GetMyData)).body as MyDataView;
    expect(data.cases[0]!.restricted).toBe(true);
    expect(data.restrictions).toEqual([{ organisationId: f.orgId, caseId: null, since: clock.now() }]);
  });
});
