// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  AcceptDocument,
  ApproveOrgDocument,
  type BodyOf,
  ConfirmDocument,
  CreateOrgDocument,
  GetPublishedDocuments,
  GuidelineReport,
  ListMyAcceptances,
  ListOrgDocuments,
  OpenCase,
  PublishOrgDocument,
  SendMessage,
  UpdateOrgDocument,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordShownDocuments } from "../../src/modules/compliance/documents";
import { hasConfirmedGuideline, requireGuidelineConfirmed } from "../../src/policies";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { giveTeamKey, openCaseBody, seedAgency } from "../cases/support";
import { seedCase, sha256Hex } from "./support";

/**
 * Privacy notice and communication guideline (issue 7.1, COMPLIANCE 5):
 * four-eyes approval before publishing, immutable numbered versions with a
 * text hash, public reading, staff confirmation with the report of who has
 * not confirmed, the case-work check, and client acceptance.
 */
type Doc = { id: string; state: string; version: number | null; sha256: string; text: string; language: string };

describe.each(DIALECTS)("organisation documents (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let author: SeededAccount;
  let secondAdmin: SeededAccount;
  let dpo: SeededAccount;
  let counsellor: SeededAccount;
  let client: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    const now = clock.now();
    org = await seedOrg(db, now);
    author = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now });
    secondAdmin = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now });
    dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo", now });
    counsellor = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
      now,
    });
    client = await seedAccount(db, { orgId: null, role: "client", now });
  });
  afterAll(async () => server?.stop());

  async function draft(
    text: string,
    kind: BodyOf<typeof CreateOrgDocument>["kind"] = "communication_guideline",
    language: BodyOf<typeof CreateOrgDocument>["language"] = "de",
  ): Promise<Doc> {
    const res = await apiAs(server, author).call(CreateOrgDocument, {
      params: { orgId: org.orgId },
      body: { kind, language, text },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as { document: Doc }).document;
  }

  async function approveAndPublish(doc: Doc, approver = dpo): Promise<Doc> {
    const a = await apiAs(server, approver).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: doc.sha256 },
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const p = await apiAs(server, author).call(PublishOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    return (p.body as { document: Doc }).document;
  }

  async function auditActions(targetId: string): Promise<string[]> {
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", targetId)
      .orderBy("id")
      .execute();
    return rows.map((r) => r.action);
  }

  it("refuses to publish an unapproved draft, refuses self-approval, and publishes version 1 after a second person approves", async () => {
    const text = "Bitte keine Gesundheitsdaten per E-Mail. Diese Vorlage ist keine Rechtsberatung.";
    const doc = await draft(text);
    expect(doc).toMatchObject({ state: "draft", version: null, sha256: sha256Hex(text) });

    const early = await apiAs(server, author).call(PublishOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
    });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe("document_not_approved");

    const self = await apiAs(server, author).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: doc.sha256 },
    });
    expect(self.status).toBe(403);

    // Counsellors may not approve at all.
    const byCounsellor = await apiAs(server, counsellor).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: doc.sha256 },
    });
    expect(byCounsellor.status).toBe(403);

    // The approver names the text they read; a different hash is refused.
    const stale = await apiAs(server, secondAdmin).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: sha256Hex("another text") },
    });
    expect(stale.status).toBe(409);

    const published = await approveAndPublish(doc, secondAdmin);
    expect(published).toMatchObject({ state: "published", version: 1, sha256: sha256Hex(text), text });
    expect(await auditActions(doc.id)).toEqual(["document.drafted", "document.approved", "document.published"]);

    // A published version never changes.
    const edit = await apiAs(server, author).call(UpdateOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { text: "changed" },
    });
    expect(edit.status).toBe(409);
    const row = await server.ctx.db.db
      .selectFrom("org_documents")
      .select(["text", "sha256"])
      .where("id", "=", doc.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ text, sha256: sha256Hex(text) });
  });

  it("lets a draft change until it is approved, then freezes it", async () => {
    const doc = await draft("Entwurf eins", "privacy_notice", "en");
    const changed = await apiAs(server, author).call(UpdateOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { text: "Entwurf zwei" },
    });
    expect(changed.status).toBe(200);
    expect((changed.body as { document: Doc }).document.sha256).toBe(sha256Hex("Entwurf zwei"));
    // Approving with the hash of the old text fails: the approver did not read this text.
    const old = await apiAs(server, dpo).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: doc.sha256 },
    });
    expect(old.status).toBe(409);
    const ok = await apiAs(server, dpo).call(ApproveOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { sha256: sha256Hex("Entwurf zwei") },
    });
    expect(ok.status).toBe(200);
    const frozen = await apiAs(server, author).call(UpdateOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
      body: { text: "Entwurf drei" },
    });
    expect(frozen.status).toBe(409);
    const published = await apiAs(server, dpo).call(PublishOrgDocument, {
      params: { orgId: org.orgId, documentId: doc.id },
    });
    expect((published.body as { document: Doc }).document).toMatchObject({ version: 1, language: "en" });
  });

  it("publishes two approved drafts at the same moment without a server error, leaving one current version", async () => {
    const one = await draft("Hinweise eins", "privacy_notice", "de");
    const two = await draft("Hinweise zwei", "privacy_notice", "de");
    for (const d of [one, two])
      expect(
        (
          await apiAs(server, dpo).call(ApproveOrgDocument, {
            params: { orgId: org.orgId, documentId: d.id },
            body: { sha256: d.sha256 },
          })
        ).status,
      ).toBe(200);
    const results = await Promise.all(
      [one, two].map((d) =>
        apiAs(server, author).call(PublishOrgDocument, { params: { orgId: org.orgId, documentId: d.id } }),
      ),
    );
    // SQLite serialises the two (versions 1 and 2); on PostgreSQL the loser gets 409 and stays approved.
    for (const r of results) expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const rows = await server.ctx.db.db
      .selectFrom("org_documents")
      .select(["state", "version"])
      .where("organisation_id", "=", org.orgId)
      .where("kind", "=", "privacy_notice")
      .where("language", "=", "de")
      .execute();
    expect(rows.filter((r) => r.state === "published")).toHaveLength(1);
    // Leave no approved draft behind for the other tests' listings.
    const left = [one, two].filter((_, i) => results[i]!.status === 409);
    for (const d of left)
      expect(
        (await apiAs(server, author).call(PublishOrgDocument, { params: { orgId: org.orgId, documentId: d.id } }))
          .status,
      ).toBe(200);
  });

  it("shows the current published versions to anyone without login, never drafts", async () => {
    const anon = apiAs(server);
    const res = await anon.call(GetPublishedDocuments, { params: { orgId: org.orgId } });
    expect(res.status).toBe(200);
    const docs = res.body.documents;
    expect(docs.map((d) => [d.kind, d.language, d.version])).toEqual([
      ["communication_guideline", "de", 1],
      ["privacy_notice", "de", 2],
      ["privacy_notice", "en", 1],
    ]);
    for (const d of docs) expect(d.sha256).toBe(sha256Hex(d.text));
    expect((await anon.call(GetPublishedDocuments, { params: { orgId: "org-doesnotexist" } })).status).toBe(404);
    // The full list with drafts is for admins and the DPO only.
    expect((await apiAs(server, counsellor).call(ListOrgDocuments, { params: { orgId: org.orgId } })).status).toBe(403);
    expect((await apiAs(server, dpo).call(ListOrgDocuments, { params: { orgId: org.orgId } })).status).toBe(200);
  });

  it("blocks case work until staff confirm the current guideline, and the report lists who has not", async () => {
    const db = server.ctx.db.db;
    const actor = { accountId: counsellor.id, organisationId: org.orgId, kind: "staff" as const, role: "counsellor" };
    await expect(requireGuidelineConfirmed(server.ctx, actor)).rejects.toMatchObject({
      code: "guideline_not_confirmed",
    });
    const mine = await apiAs(server, counsellor).call(ListMyAcceptances);
    expect(mine.body).toMatchObject({ acceptances: [], guidelineConfirmationRequired: true });

    const report = async () =>
      (await apiAs(server, dpo).call(GuidelineReport, { params: { orgId: org.orgId } })).body as {
        current: { version: number }[];
        unconfirmed: { accountId: string; lastConfirmedVersion: number | null }[];
      };
    const before = await report();
    expect(before.current.map((c) => c.version)).toEqual([1]);
    expect(before.unconfirmed.map((u) => u.accountId).sort()).toEqual(
      [author.id, secondAdmin.id, dpo.id, counsellor.id].sort(),
    );
    expect((await apiAs(server, counsellor).call(GuidelineReport, { params: { orgId: org.orgId } })).status).toBe(403);

    const published = (
      await apiAs(server).call(GetPublishedDocuments, { params: { orgId: org.orgId } })
    ).body.documents.find((d) => d.kind === "communication_guideline")!;
    const wrongHash = await apiAs(server, counsellor).call(ConfirmDocument, {
      params: { orgId: org.orgId, documentId: published.id },
      body: { sha256: sha256Hex("something else") },
    });
    expect(wrongHash.status).toBe(409);
    const confirm = await apiAs(server, counsellor).call(ConfirmDocument, {
      params: { orgId: org.orgId, documentId: published.id },
      body: { sha256: published.sha256 },
    });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(201);
    expect((confirm.body as { acceptance: unknown }).acceptance).toMatchObject({
      accountId: counsellor.id,
      version: 1,
      sha256: published.sha256,
      source: "staff_confirmed",
      acceptedAt: clock.now(),
    });
    await requireGuidelineConfirmed(server.ctx, actor);
    expect((await report()).unconfirmed.map((u) => u.accountId)).not.toContain(counsellor.id);
    expect(await auditActions(published.id)).toContain("guideline.confirmed");

    // A new version needs a new confirmation; the old one is remembered in the report.
    clock.advance(60_000);
    const v2 = await approveAndPublish(await draft("Leitfaden, Fassung 2"));
    expect(v2.version).toBe(2);
    expect(await hasConfirmedGuideline(db, actor)).toBe(false);
    const after = await report();
    expect(after.unconfirmed.find((u) => u.accountId === counsellor.id)?.lastConfirmedVersion).toBe(1);
    // Confirming the superseded version is refused.
    const old = await apiAs(server, counsellor).call(ConfirmDocument, {
      params: { orgId: org.orgId, documentId: published.id },
      body: { sha256: published.sha256 },
    });
    expect(old.status).toBe(409);
    expect(
      (
        await apiAs(server, counsellor).call(ConfirmDocument, {
          params: { orgId: org.orgId, documentId: v2.id },
          body: { sha256: v2.sha256 },
        })
      ).status,
    ).toBe(201);
    expect(await hasConfirmedGuideline(db, actor)).toBe(true);
    // Clients are never held up by the staff check.
    await requireGuidelineConfirmed(server.ctx, {
      accountId: client.id,
      organisationId: null,
      kind: "client",
    });
  });

  it("refuses accepting a case and sending messages to staff who have not confirmed the current guideline", async () => {
    const db = server.ctx.db.db;
    const fresh = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
      now: clock.now(),
    });
    const { caseId } = await seedCase(db, { orgId: org.orgId, teamId: org.teamId, now: clock.now() });
    const send = apiAs(server, fresh);
    const accept = await send.call(AcceptCase, { params: { caseId } });
    expect(accept.status).toBe(403);
    expect(errorOf(accept).code).toBe("guideline_not_confirmed");
    const c = await db
      .selectFrom("cases")
      .select(["state", "assignee_id"])
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: "new", assignee_id: null });
    const message = await send.call(SendMessage, {
      params: { id: caseId },
      body: {
        clientMsgId: "msg-00000001",
        envelope: Buffer.alloc(64, 1).toString("base64url"),
      },
    });
    expect(message.status).toBe(403);
    expect(errorOf(message).code).toBe("guideline_not_confirmed");

    const current = (
      await apiAs(server).call(GetPublishedDocuments, { params: { orgId: org.orgId } })
    ).body.documents.find((d) => d.kind === "communication_guideline")!;
    expect(
      (
        await send.call(ConfirmDocument, {
          params: { orgId: org.orgId, documentId: current.id },
          body: { sha256: current.sha256 },
        })
      ).status,
    ).toBe(201);
    const again = await send.call(AcceptCase, { params: { caseId } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it("records a client's acceptance with version and hash, and on opening a case only what was shown", async () => {
    const db = server.ctx.db.db;
    const docs = (await apiAs(server).call(GetPublishedDocuments, { params: { orgId: org.orgId } })).body.documents;
    const notice = docs.find((d) => d.kind === "privacy_notice" && d.language === "en")!;
    const res = await apiAs(server, client).call(AcceptDocument, {
      params: { documentId: notice.id },
      body: { sha256: notice.sha256 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((res.body as { acceptance: unknown }).acceptance).toMatchObject({
      accountId: client.id,
      kind: "privacy_notice",
      version: 1,
      sha256: notice.sha256,
      source: "accepted",
    });
    // Staff use their own confirm route; clients cannot confirm as staff, staff cannot accept as clients.
    expect(
      (
        await apiAs(server, counsellor).call(AcceptDocument, {
          params: { documentId: notice.id },
          body: { sha256: notice.sha256 },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await apiAs(server, client).call(ConfirmDocument, {
          params: { orgId: org.orgId, documentId: notice.id },
          body: { sha256: notice.sha256 },
        })
      ).status,
    ).toBe(404);
    // Drafts are not found.
    const d = await draft("noch nicht veröffentlicht");
    expect(
      (await apiAs(server, client).call(AcceptDocument, { params: { documentId: d.id }, body: { sha256: d.sha256 } }))
        .status,
    ).toBe(404);

    // Opening a case records only what the enquiry showed, with the hash of the text shown (issue #15, item 8);
    // without the current privacy notice accepted, no case opens and nothing is recorded.
    const newcomer = await seedAccount(db, { orgId: null, role: "client", now: clock.now() });
    await giveTeamKey(db, {
      orgId: org.orgId,
      teamId: org.teamId,
      memberIds: [counsellor.id],
      createdBy: counsellor.id,
    });
    const agency = await seedAgency(db, { orgId: org.orgId, teamId: org.teamId });
    const acceptancesOf = (accountId: string) =>
      db
        .selectFrom("document_acceptances")
        .select(["kind", "source", "sha256"])
        .where("account_id", "=", accountId)
        .orderBy("kind")
        .execute();
    const unseen = await apiAs(server, newcomer).call(OpenCase, { body: openCaseBody(agency) });
    expect(unseen.status).toBe(409);
    expect(errorOf(unseen).code).toBe("privacy_notice_required");
    // A text that is not the current version (an outdated page) is refused the same way.
    const outdated = await apiAs(server, newcomer).call(OpenCase, {
      body: { ...openCaseBody(agency), acceptedDocuments: [{ documentId: notice.id, sha256: sha256Hex("alt") }] },
    });
    expect(errorOf(outdated).code).toBe("privacy_notice_required");
    expect(await acceptancesOf(newcomer.id)).toEqual([]);
    const guideline = docs.find((d) => d.kind === "communication_guideline")!;
    const shown = [notice, guideline].map((d) => ({ documentId: d.id, sha256: sha256Hex(d.text) }));
    const opened = await apiAs(server, newcomer).call(OpenCase, {
      body: { ...openCaseBody(agency), acceptedDocuments: shown },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(await acceptancesOf(newcomer.id)).toEqual([
      { kind: "communication_guideline", source: "accepted", sha256: guideline.sha256 },
      { kind: "privacy_notice", source: "accepted", sha256: notice.sha256 },
    ]);

    // A client who accepted the notice before opens further cases without sending it again; nothing is added.
    const { client: c } = await seedCase(db, { orgId: org.orgId, teamId: org.teamId, client, now: clock.now() });
    const recorded = await db
      .transaction()
      .execute((trx) =>
        recordShownDocuments(trx, clock.now(), { clientId: c.id, organisationId: org.orgId, shown: [] }),
      );
    expect(recorded).toBe(0);
    const mine = (await apiAs(server, client).call(ListMyAcceptances)).body as {
      acceptances: { kind: string; source: string; version: number }[];
      guidelineConfirmationRequired: boolean;
    };
    expect(mine.guidelineConfirmationRequired).toBe(false);
    expect(mine.acceptances.map((a) => [a.kind, a.source, a.version]).sort()).toEqual([
      ["privacy_notice", "accepted", 1],
    ]);
  });
});
