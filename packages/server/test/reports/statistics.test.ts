// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  GetStatistics,
  GetStatisticsSettings,
  PutStatisticsSettings,
  type StatisticsReport,
  type StatisticsRow,
} from "@obhut/protocol";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/infra/db/schema";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedAgency, seedCounselling, type CounsellingFixture } from "../cases/support";

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * Statistics for funders (ADR 0045) on a seeded first quarter of 2025:
 * January 6 enquiries at agency A (answered, taken on, closed) and 5 at
 * agency B (unanswered), February 3 at A, March 7 at A. Checks the counts and
 * times, small-cell and complementary suppression, that the views agree,
 * that no pseudonym or id of a person leaves, the organisation's k, and who
 * may see the figures.
 */
describe.each(DIALECTS)("statistics for funders (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  let agencyA: string;
  let agencyB: string;
  const clock = manualClock(Date.UTC(2026, 0, 15, 10, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  const at = (month: number, day: number, hour = 9) => Date.UTC(2025, month - 1, day, hour);

  async function seedCase(
    db: Kysely<Database>,
    props: {
      agencyId: string;
      teamId: string;
      topicId: string;
      created: number;
      acceptedAfter?: number;
      answerAfter?: number;
      closedAfter?: number;
      extraMessages?: number;
      language?: "de";
      documentId: string;
    },
  ) {
    const client = await seedAccount(db, { orgId: null, role: "client", now: props.created });
    const conversationId = rid("conv");
    await db
      .insertInto("conversations")
      .values({
        id: conversationId,
        organisation_id: f.orgId,
        kind: "case",
        created_by: client.id,
        created_at: props.created,
      })
      .execute();
    await db
      .insertInto("cases")
      .values({
        id: rid("case"),
        organisation_id: f.orgId,
        conversation_id: conversationId,
        notes_conversation_id: null,
        agency_id: props.agencyId,
        topic_id: props.topicId,
        team_id: props.teamId,
        client_id: client.id,
        assignee_id: props.acceptedAfter === undefined ? null : f.anna.id,
        preferred_counsellor_id: null,
        state: props.closedAfter !== undefined ? "closed" : props.acceptedAfter !== undefined ? "active" : "new",
        created_at: props.created,
        accepted_at: props.acceptedAfter === undefined ? null : props.created + props.acceptedAfter,
        closed_at: props.closedAfter === undefined ? null : props.created + props.closedAfter,
        archived_at: null,
        waiting_since: null,
        greeting_sent_at: null,
      })
      .execute();
    const messages: { sender: string; at: number }[] = [{ sender: client.id, at: props.created }];
    if (props.answerAfter !== undefined) messages.push({ sender: f.anna.id, at: props.created + props.answerAfter });
    for (let i = 0; i < (props.extraMessages ?? 0); i++)
      messages.push({ sender: client.id, at: props.created + (props.answerAfter ?? 0) + (i + 1) * MIN });
    await db
      .insertInto("messages")
      .values(
        messages.map((m, i) => ({
          conversation_id: conversationId,
          seq: i + 1,
          id: rid("msg"),
          sender_id: m.sender,
          client_msg_id: rid("cm"),
          envelope: new Uint8Array([1, 2, 3]),
          size: 3,
          kind: "message" as const,
          replaces_id: null,
          created_at: m.at,
        })),
      )
      .execute();
    // An edit is not a message of its own.
    await db
      .insertInto("messages")
      .values({
        conversation_id: conversationId,
        seq: messages.length + 1,
        id: rid("msg"),
        sender_id: client.id,
        client_msg_id: rid("cm"),
        envelope: new Uint8Array([4]),
        size: 1,
        kind: "edit",
        replaces_id: null,
        created_at: props.created + 1,
      })
      .execute();
    if (props.language)
      await db
        .insertInto("document_acceptances")
        .values({
          id: rid("acc"),
          account_id: client.id,
          organisation_id: f.orgId,
          document_id: props.documentId,
          kind: "privacy_notice",
          language: props.language,
          version: 1,
          sha256: "0".repeat(64),
          source: "accepted",
          accepted_at: props.created,
        })
        .execute();
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    f = await seedCounselling(db);
    dpo = await seedAccount(db, { orgId: f.orgId, role: "dpo" });
    const a = await seedAgency(db, { orgId: f.orgId, teamId: f.teamId, name: "Beratungsstelle Nord" });
    const b = await seedAgency(db, { orgId: f.orgId, teamId: f.otherTeamId, name: "Beratungsstelle Süd" });
    agencyA = a.agencyId;
    agencyB = b.agencyId;
    const documentId = rid("doc");
    await db
      .insertInto("org_documents")
      .values({
        id: documentId,
        organisation_id: f.orgId,
        kind: "privacy_notice",
        language: "de",
        state: "published",
        version: 1,
        sha256: "0".repeat(64),
        text: "Datenschutzhinweise",
        created_by: f.admin.id,
        created_at: at(1, 1),
        approved_by: null,
        approved_at: null,
        published_by: null,
        published_at: null,
        superseded_at: null,
      })
      .execute();
    const inA = { agencyId: agencyA, teamId: f.teamId, topicId: a.topicId, documentId };
    for (let i = 0; i < 6; i++)
      await seedCase(db, {
        ...inA,
        created: at(1, 10 + i),
        acceptedAfter: (i + 1) * 10 * MIN,
        answerAfter: (i + 1) * 30 * MIN,
        closedAfter: (i + 1) * DAY,
        extraMessages: i,
        language: "de",
      });
    for (let i = 0; i < 5; i++)
      await seedCase(db, {
        agencyId: agencyB,
        teamId: f.otherTeamId,
        topicId: b.topicId,
        documentId,
        created: at(1, 20 + i),
      });
    for (let i = 0; i < 3; i++) await seedCase(db, { ...inA, created: at(2, 5 + i) });
    for (let i = 0; i < 7; i++)
      await seedCase(db, {
        ...inA,
        created: at(3, 3 + i),
        acceptedAfter: 5 * MIN,
        answerAfter: 5 * MIN,
        language: "de",
      });
    // A case of another year stays out.
    await seedCase(db, { ...inA, created: Date.UTC(2024, 11, 31, 23, 0) });
  });
  afterAll(async () => server?.stop());

  const report = async (who: SeededAccount, query: { period?: "month" | "quarter" | "year"; by?: string } = {}) => {
    const res = await as(who).call(GetStatistics, {
      params: { orgId: f.orgId },
      query: { year: 2025, period: "month", by: "none", ...query } as never,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as StatisticsReport;
  };
  const row = (r: StatisticsReport, period: string, groupId: string | null = null): StatisticsRow =>
    r.rows.find((x) => x.period === period && x.group.id === groupId)!;

  it("counts enquiries, cases taken on and closed, and the times, per month", async () => {
    const r = await report(f.admin);
    expect(r.minCellSize).toBe(5);
    expect(r.channelsOffered).toEqual(["web"]);
    expect(r.notRecorded).toEqual(["age_band", "gender"]);
    expect(r.rows.map((x) => x.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
    );
    const jan = row(r, "2025-01");
    expect(jan).toMatchObject({ newEnquiries: 11, casesOpened: 6, casesClosed: 6 });
    // Messages per case: A's 2…7 (first message, answer, i more), B's 1 each.
    expect(jan.messagesPerCase).toEqual({ median: 2, p90: 6, suppressed: false });
    expect(jan.firstAnswerMinutes).toEqual({ median: 105, p90: 180, suppressed: false });
    expect(jan.waitingMinutes).toEqual({ median: 35, p90: 60, suppressed: false });
    expect(jan.durationDays).toEqual({ median: 3.5, p90: 6, suppressed: false });
    expect(jan.channels).toEqual([{ channel: "web", enquiries: 11 }]);
    const mar = row(r, "2025-03");
    expect(mar.casesOpened).toBe(7);
    expect(mar.firstAnswerMinutes).toEqual({ median: 5, p90: 5, suppressed: false });
    expect(row(r, "2025-04")).toMatchObject({
      newEnquiries: 0,
      casesOpened: 0,
      messagesPerCase: { suppressed: false },
    });
  });

  it("suppresses small cells and one more, so that no small cell follows from a total", async () => {
    const months = await report(dpo);
    // February's 3 are below k; March (7, the smallest other month of the quarter) goes too, or 21 − 11 − 7 = 3.
    expect(row(months, "2025-02").newEnquiries).toBeNull();
    expect(row(months, "2025-03").newEnquiries).toBeNull();
    expect(row(months, "2025-01").newEnquiries).toBe(11);
    // Three cases are too few for a median: it says so rather than show one.
    expect(row(months, "2025-02").messagesPerCase).toEqual({ median: null, p90: null, suppressed: true });
    const quarters = await report(dpo, { period: "quarter" });
    expect(quarters.rows.map((x) => [x.period, x.newEnquiries])).toEqual([
      ["2025-Q1", 21],
      ["2025-Q2", 0],
      ["2025-Q3", 0],
      ["2025-Q4", 0],
    ]);
    expect((await report(dpo, { period: "year" })).rows[0]!.newEnquiries).toBe(21);

    // Per agency: A has 6, 3, 7 in Q1, so A's January goes with February; then B's January (5) goes too, or
    // 11 − A = B; and with it B's quarter and year, which would equal it.
    const byAgency = await report(dpo, { by: "agency" });
    expect(byAgency.rows.filter((x) => x.period === "2025-01").map((x) => [x.group.name, x.newEnquiries])).toEqual([
      ["", 11],
      ["Beratungsstelle", 0],
      ["Beratungsstelle Nord", null],
      ["Beratungsstelle Süd", null],
    ]);
    const agencyYear = await report(dpo, { by: "agency", period: "year" });
    expect(agencyYear.rows.map((x) => x.newEnquiries)).toEqual([21, 0, null, null]);
    // Every view's totals are the totals of the plain view: nothing to subtract between them.
    for (const by of ["agency", "team", "topic"])
      expect((await report(dpo, { by })).rows.filter((x) => x.group.id === null)).toEqual(months.rows);
    // Languages: January's 5 "not recorded" would follow from March's 0 and the quarter; so they and the 6 "de" go.
    expect(row(months, "2025-01").languages).toEqual([
      { language: "de", enquiries: null },
      { language: "en", enquiries: 0 },
      { language: "not_recorded", enquiries: null },
    ]);
  });

  it("carries no person: no client, counsellor or pseudonym", async () => {
    const text = JSON.stringify(await report(f.admin, { by: "team" }));
    const db = server.ctx.db.db;
    const people = await db.selectFrom("accounts").select(["id", "username"]).execute();
    for (const p of people) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.username);
    }
    expect(text).toContain("Team Familie");
  });

  it("lets the administration raise k, never below 5, audited", async () => {
    const low = await as(f.admin).call(PutStatisticsSettings, { params: { orgId: f.orgId }, body: { minCellSize: 4 } });
    expect(low.status).toBe(400);
    expect(errorOf(low).code).toBe("invalid_body");
    const byDpo = await as(dpo).call(PutStatisticsSettings, { params: { orgId: f.orgId }, body: { minCellSize: 9 } });
    expect(byDpo.status).toBe(403);
    const set = await as(f.admin).call(PutStatisticsSettings, {
      params: { orgId: f.orgId },
      body: { minCellSize: 12 },
    });
    expect(set.body).toEqual({ minCellSize: 12 });
    expect((await as(dpo).call(GetStatisticsSettings, { params: { orgId: f.orgId } })).body).toEqual({
      minCellSize: 12,
    });
    const r = await report(dpo, { period: "quarter" });
    expect(r.minCellSize).toBe(12);
    expect(r.rows[0]!.newEnquiries).toBe(21);
    const months = await report(dpo);
    expect(row(months, "2025-01").newEnquiries).toBeNull();
    expect(row(months, "2025-01").firstAnswerMinutes).toEqual({ median: null, p90: null, suppressed: true });
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("action", "=", "statistics.settings_updated")
      .execute();
    expect(audit).toEqual([{ action: "statistics.settings_updated", actor_id: f.admin.id }]);
    await as(f.admin).call(PutStatisticsSettings, { params: { orgId: f.orgId }, body: { minCellSize: 5 } });
  });

  it("refuses counsellors, team leads, clients, strangers and anonymous callers", async () => {
    // Staff of the organisation without the role: forbidden; a client (no organisation): not found.
    for (const [who, status] of [
      [f.anna, 403],
      [f.lead, 403],
      [f.client, 404],
    ] as const) {
      const res = await as(who).call(GetStatistics, { params: { orgId: f.orgId }, query: { year: 2025 } as never });
      expect(res.status, who.id).toBe(status);
      expect((await as(who).call(GetStatisticsSettings, { params: { orgId: f.orgId } })).status).toBe(status);
    }
    const stranger = await as(f.stranger).call(GetStatistics, {
      params: { orgId: f.orgId },
      query: { year: 2025 } as never,
    });
    expect([403, 404]).toContain(stranger.status);
    const anonymous = await apiAs(server).call(GetStatistics, {
      params: { orgId: f.orgId },
      query: { year: 2025 } as never,
    });
    expect(anonymous.status).toBe(401);
  });
});
