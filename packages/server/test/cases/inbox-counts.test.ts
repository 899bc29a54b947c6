// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  type CaseEventView,
  type CaseView,
  GetAccountPublicKeys,
  GetCase,
  ListCases,
  OpenCase,
  SendMessage,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "./support";

type CaseBody = { case: CaseView; events: CaseEventView[] };

/**
 * What the inbox counts and sorts by (issue #16): unread counts messages of
 * others (not edits, deletions or my own), the time of the client's last
 * message; and the organisation's key directory does not list clients.
 */
describe.each(DIALECTS)("inbox counts (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  const as = (a: { cookie: string }) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
  });
  afterAll(async () => server?.stop());

  const viewOf = async (who: { cookie: string }, caseId: string) =>
    ((await as(who).call(GetCase, { params: { caseId } })).body as CaseBody).case;
  const send = async (
    who: { cookie: string },
    conversationId: string,
    extra: { kind?: "message" | "edit" | "delete"; replacesId?: string } = {},
  ) => {
    const res = await as(who).call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(60), ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; seq: number };
  };

  const firstMessageId = async (conversationId: string) =>
    (
      await server.ctx.db.db
        .selectFrom("messages")
        .select("id")
        .where("conversation_id", "=", conversationId)
        .where("seq", "=", 1)
        .executeTakeFirst()
    )?.id;

  it("counts messages of others after my read marker, not edits, deletions, continuing files or my own", async () => {
    const opened = await as(f.client).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(opened.status).toBe(201);
    const c = (opened.body as CaseBody).case;
    const openedAt = clock.now();

    const inNew = ((await as(f.ben).call(ListCases, { query: { scope: "new" } })).body as { cases: CaseView[] }).cases;
    expect(inNew.find((x) => x.id === c.id)).toMatchObject({ unread: 1, lastClientMessageAt: openedAt });
    expect((await as(f.ben).call(AcceptCase, { params: { caseId: c.id } })).status).toBe(200);

    clock.advance(60_000);
    const second = await send(f.client, c.conversationId);
    expect(await viewOf(f.ben, c.id)).toMatchObject({ unread: 2, lastClientMessageAt: openedAt + 60_000 });

    // An edit and a deletion take seqs of their own; they are no new messages.
    clock.advance(60_000);
    await send(f.client, c.conversationId, { kind: "edit", replacesId: second.id });
    await send(f.client, c.conversationId, { kind: "delete", replacesId: second.id });
    const afterEdits = await viewOf(f.ben, c.id);
    expect(afterEdits.lastSeq).toBe(4);
    expect(afterEdits).toMatchObject({ unread: 2, lastClientMessageAt: openedAt + 60_000 });

    // Files that continue the client's own message (the enquiry's attachments) are part of it, not one more.
    await send(f.client, c.conversationId, { replacesId: (await firstMessageId(c.conversationId))! });
    expect(await viewOf(f.ben, c.id)).toMatchObject({ lastSeq: 5, unread: 2, lastClientMessageAt: openedAt + 120_000 });
    // Only one's own message can be continued.
    const foreign = await as(f.ben).call(SendMessage, {
      params: { id: c.conversationId },
      body: { clientMsgId: rid("cm"), envelope: fakeBytes(60), replacesId: second.id },
    });
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign).code).toBe("invalid_body");

    // My answer moves my read marker past everything before it; it does not count itself.
    await send(f.ben, c.conversationId);
    expect(await viewOf(f.ben, c.id)).toMatchObject({ unread: 0, lastClientMessageAt: openedAt + 120_000 });
    // The client sees the answer as one unread message; clients are never told the sort time.
    const clientView = await viewOf(f.client, c.id);
    expect(clientView.unread).toBe(1);
    expect(clientView.lastClientMessageAt).toBeNull();

    clock.advance(60_000);
    await send(f.client, c.conversationId);
    expect(await viewOf(f.ben, c.id)).toMatchObject({ unread: 1, lastClientMessageAt: openedAt + 180_000 });
  });

  it("the organisation's key directory lists its staff, never a client (the inbox no longer asks)", async () => {
    const ok = await as(f.ben).call(GetAccountPublicKeys, { params: { orgId: f.orgId, accountId: f.anna.id } });
    expect(ok.status).toBe(200);
    const client = await as(f.ben).call(GetAccountPublicKeys, { params: { orgId: f.orgId, accountId: f.client.id } });
    expect(client.status).toBe(404);
    expect(errorOf(client).code).toBe("not_found");
  });
});
