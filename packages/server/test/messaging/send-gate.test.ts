// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../src/core/errors";
import { MessageCommitter, SendRefused } from "../../src/modules/messaging/messages-committer";
import { hasConfirmedGuideline, unconfirmedGuideline } from "../../src/policies/gates/guideline";
import { seedOrg } from "../admin/support";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, seedTeamConversation, type SeededAccount } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * The send gate (policies/gates/send.ts) runs inside the commit transaction:
 * a send handed straight to the committer — no route, no service in front of
 * it — is refused exactly as one through the API would be.
 */
describe.each(DIALECTS)("the send gate in the commit path (%s)", (dialect) => {
  let server: TestServer;
  const db = () => server.ctx.db.db;

  const teamConversation = (orgId: string, members: SeededAccount[]) => seedTeamConversation(db(), orgId, members);

  async function publishGuideline(orgId: string, author: string): Promise<string> {
    const id = rid("doc");
    const now = Date.now();
    await db()
      .insertInto("org_documents")
      .values({
        id,
        organisation_id: orgId,
        kind: "communication_guideline",
        language: "de",
        state: "published",
        version: 1,
        sha256: "0".repeat(64),
        text: "Leitfaden",
        created_by: author,
        created_at: now,
        approved_by: author,
        approved_at: now,
        published_by: author,
        published_at: now,
        superseded_at: null,
      })
      .execute();
    return id;
  }

  async function confirm(orgId: string, documentId: string, accountId: string): Promise<void> {
    await db()
      .insertInto("document_acceptances")
      .values({
        id: rid("acc"),
        account_id: accountId,
        organisation_id: orgId,
        document_id: documentId,
        kind: "communication_guideline",
        language: "de",
        version: 1,
        sha256: "0".repeat(64),
        source: "staff_confirmed",
        accepted_at: Date.now(),
      })
      .execute();
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => server?.stop());

  it("refuses a staff send before the guideline is confirmed, and stores it after", async () => {
    const { orgId } = await seedOrg(db());
    const [u1, u2] = [
      await seedAccount(db(), { orgId, role: "counsellor" }),
      await seedAccount(db(), { orgId, role: "counsellor" }),
    ];
    const conversationId = await teamConversation(orgId, [u1, u2]);
    const documentId = await publishGuideline(orgId, u2.id);
    const committer = new MessageCommitter(server.ctx, () => {});
    const send = (clientMsgId: string) =>
      committer
        .submit({
          senderId: u1.id,
          sender: { kind: "staff", organisationId: orgId, role: "counsellor" },
          conversationId,
          clientMsgId,
          envelope: new Uint8Array(40).fill(3),
          kind: "message",
          replacesId: null,
        })
        .catch((e: unknown) => e);

    const refused = await send("m1");
    expect(refused).toBeInstanceOf(SendRefused);
    expect(((refused as SendRefused).error as AppError).code).toBe("guideline_not_confirmed");
    expect(
      await db().selectFrom("messages").select("id").where("conversation_id", "=", conversationId).execute(),
    ).toEqual([]);

    await confirm(orgId, documentId, u1.id);
    const stored = await send("m2");
    expect(stored).toMatchObject({ conversationId, seq: 1, duplicate: false });
  });

  it("answers for a whole batch exactly as it does for each sender alone", async () => {
    const { orgId } = await seedOrg(db());
    const { orgId: otherOrg } = await seedOrg(db());
    const accounts = [
      ...(await Promise.all([0, 1, 2, 3].map(() => seedAccount(db(), { orgId, role: "counsellor" })))),
      ...(await Promise.all([0, 1].map(() => seedAccount(db(), { orgId: otherOrg, role: "counsellor" })))),
    ];
    const guideline = await publishGuideline(orgId, accounts[0]!.id);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(accounts.slice(0, 4)),
        fc.subarray(accounts),
        fc.boolean(),
        async (confirmers, senders, withClient) => {
          await db().deleteFrom("document_acceptances").where("document_id", "=", guideline).execute();
          for (const a of confirmers) await confirm(orgId, guideline, a.id);
          const actors = [
            ...senders.map((a) => ({ accountId: a.id, kind: "staff" as const, organisationId: a.organisationId })),
            ...(withClient ? [{ accountId: rid("client"), kind: "client" as const, organisationId: orgId }] : []),
          ];
          const batch = await unconfirmedGuideline(db(), actors);
          for (const actor of actors)
            expect(batch.has(actor.accountId), actor.accountId).toBe(!(await hasConfirmedGuideline(db(), actor)));
        },
      ),
      { numRuns: 25 },
    );
  });
});
