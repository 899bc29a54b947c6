// SPDX-License-Identifier: AGPL-3.0-or-later
import { type CaseSort, type CaseView, ListCases } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, seedCaseRow, seedCounselling, type CounsellingFixture } from "./support";

type Page = { cases: CaseView[]; nextCursor: string | null; total: number };
type Query = Record<string, string | number>;

const T0 = 1_700_000_000_000;
const MIN = 60_000;

/**
 * The inbox's pages (issue 16): each order is total (ties broken by id), a page continues strictly after the
 * previous one's last case, so walking the cursor yields every case of the view once, in order, even while
 * cases arrive or leave the view between pages; the cursor never widens what the asker may see, and a garbled
 * or foreign one is `400 invalid_query`.
 */
describe.each(DIALECTS)("inbox pages (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const as = (a: { cookie: string }) => apiAs(server, a);
  /** Sort facts of each seeded case of the intake team, as the orders define them. */
  const facts = new Map<string, { created: number; waiting: number | null; lastClient: number | null }>();
  const otherTeamCases = new Set<string>();

  const seed = async (
    teamId: string,
    staffIds: string[],
    v: { created: number; waiting: number | null; lastClient: number | null; assigneeId?: string | null },
  ) => {
    const db = server.ctx.db.db;
    const client = await seedAccount(db, { orgId: null, role: "client" });
    const c = await seedCaseRow(db, {
      orgId: f.orgId,
      teamId,
      agencyId: f.agencyId,
      topicId: f.topicId,
      client,
      staffIds,
      assigneeId: v.assigneeId ?? null,
    });
    await db
      .updateTable("cases")
      .set({ created_at: v.created, waiting_since: v.waiting })
      .where("id", "=", c.caseId)
      .execute();
    if (v.lastClient !== null)
      await db
        .insertInto("messages")
        .values({
          conversation_id: c.conversationId,
          seq: 1,
          id: rid("msg"),
          sender_id: client.id,
          client_msg_id: rid("cm"),
          envelope: Buffer.from(fakeBytes(40), "base64url"),
          size: 40,
          kind: "message",
          replaces_id: null,
          created_at: v.lastClient,
        })
        .execute();
    return c.caseId;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    f = await seedCounselling(server.ctx.db.db);
    const staff = [f.lead.id, f.anna.id, f.ben.id];
    // 23 cases with ties in every sort key: waiting since the same minute in threes, created in pairs,
    // the client's last message shared by groups; some not waiting, some the client never wrote in.
    for (let i = 0; i < 23; i++) {
      const v = {
        created: T0 + Math.floor(i / 2) * MIN,
        waiting: i % 4 === 3 ? null : T0 + 100 * MIN + Math.floor(i / 3) * MIN,
        lastClient: i % 5 === 4 ? null : T0 + 200 * MIN + (i % 3) * MIN,
      };
      facts.set(await seed(f.teamId, staff, v), v);
    }
    // Olga's team: never in ben's pages, whatever cursor he sends.
    for (let i = 0; i < 4; i++)
      otherTeamCases.add(
        await seed(f.otherTeamId, [f.olga.id], { created: T0 + i * MIN, waiting: null, lastClient: null }),
      );
  }, 60_000);
  afterAll(async () => server?.stop());

  const page = async (who: { cookie: string }, query: Query) => {
    const res = await as(who).call(ListCases, { query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Page;
  };

  /** Every page of a view, following `nextCursor`. */
  const walk = async (who: { cookie: string }, query: Query) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(who, { ...query, ...(cursor ? { cursor } : {}) });
      pages.push(p);
      cursor = p.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  };

  /** The order as docs/PROTOCOL.md defines it: (group, key) ascending, then the id. */
  const expectedOrder = (sort: CaseSort, ids: string[]) => {
    const keyOf = (id: string): [number, number] => {
      const v = facts.get(id)!;
      if (sort === "waiting") return v.waiting === null ? [1, -v.created] : [0, v.waiting];
      if (sort === "lastClient") return v.lastClient === null ? [1, 0] : [0, -v.lastClient];
      return [0, -v.created];
    };
    return [...ids].sort((a, b) => {
      const [ga, ka] = keyOf(a);
      const [gb, kb] = keyOf(b);
      return ga - gb || ka - kb || (a < b ? -1 : a > b ? 1 : 0);
    });
  };

  it.each(["waiting", "lastClient", "newest"] as const)(
    "walks all 23 cases of the team in %s order, 5 at a time, each once, with the total on every page",
    async (sort) => {
      const pages = await walk(f.ben, { scope: "team", sort, limit: 5 });
      expect(pages.map((p) => p.cases.length)).toEqual([5, 5, 5, 5, 3]);
      expect(pages.every((p) => p.total === 23)).toBe(true);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      const ids = pages.flatMap((p) => p.cases.map((c) => c.id));
      expect(new Set(ids).size).toBe(23);
      expect(ids).toEqual(expectedOrder(sort, [...facts.keys()]));
    },
  );

  it("defaults to 50 a page, longest waiting first; a page needing no successor has no cursor", async () => {
    const all = await page(f.ben, { scope: "team" });
    expect(all.cases).toHaveLength(23);
    expect(all.nextCursor).toBeNull();
    expect(all.cases.map((c) => c.id)).toEqual(expectedOrder("waiting", [...facts.keys()]));
    // Exactly one page's worth: still no cursor to an empty page.
    expect((await page(f.ben, { scope: "team", limit: 23 })).nextCursor).toBeNull();
  });

  it("counts the view with its filters, not the page", async () => {
    const activeOnly = await page(f.ben, { scope: "team", state: "active", limit: 1 });
    expect(activeOnly).toMatchObject({ cases: [], total: 0, nextCursor: null });
    const fresh = await page(f.ben, { scope: "new", sort: "newest", limit: 2 });
    expect(fresh.cases).toHaveLength(2);
    expect(fresh.total).toBe(23);
    expect((await page(f.olga, { scope: "team", limit: 1 })).total).toBe(4);
  });

  it("shows no case twice and skips none while cases arrive and leave the view between pages", async () => {
    const first = await page(f.ben, { scope: "new", sort: "newest", limit: 5 });
    const shown = first.cases.map((c) => c.id);
    // Meanwhile: ben accepts the newest case of page 1 (it leaves "new"), a colleague takes one further down,
    // and a newer enquiry arrives at the top.
    const expected = expectedOrder("newest", [...facts.keys()]);
    const taken = expected[12]!;
    await server.ctx.db.db
      .updateTable("cases")
      .set({ assignee_id: f.anna.id, state: "active" })
      .where("id", "in", [shown[0]!, taken])
      .execute();
    const arrived = await seed(f.teamId, [f.lead.id, f.anna.id, f.ben.id], {
      created: T0 + 999 * MIN,
      waiting: T0 + 999 * MIN,
      lastClient: T0 + 999 * MIN,
    });
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(f.ben, { scope: "new", sort: "newest", limit: 5, cursor });
      shown.push(...next.cases.map((c) => c.id));
      cursor = next.nextCursor;
    }
    expect(new Set(shown).size).toBe(shown.length);
    // Everything still new and below page 1 came, in order; the one taken meanwhile and the newcomer above did not.
    expect(shown).toEqual(expected.filter((id) => id !== taken));
    expect(shown).not.toContain(arrived);
    // The next look from the top has the newcomer first and counts what the view holds now.
    const top = await page(f.ben, { scope: "new", sort: "newest", limit: 5 });
    expect(top.cases[0]!.id).toBe(arrived);
    expect(top.total).toBe(23 - 2 + 1);
  });

  it("never reaches another team's cases through a cursor, forged or not", async () => {
    const benFirst = await page(f.ben, { scope: "team", sort: "newest", limit: 3 });
    // Ben's own cursor given by olga continues inside olga's view only.
    const olgaWithBens = await page(f.olga, { scope: "team", sort: "newest", cursor: benFirst.nextCursor! });
    for (const c of olgaWithBens.cases) expect(otherTeamCases.has(c.id)).toBe(true);
    // A cursor forged to sit before everything in ben's order still yields only his team's cases.
    const forged = await walk(f.ben, { scope: "team", sort: "newest", cursor: "n.0.-999999999999999.aaaaaaaa" });
    const ids = forged.flatMap((p) => p.cases.map((c) => c.id));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(otherTeamCases.has(id)).toBe(false);
    // The outsider of another organisation sees nothing with any of them.
    const none = await page(f.stranger, { scope: "team", sort: "newest", cursor: benFirst.nextCursor! });
    expect(none).toMatchObject({ cases: [], total: 0, nextCursor: null });
  });

  it.each([
    ["garbled", "not-a-cursor"],
    ["too long a key", "w.0.12345678901234567.aaaaaaaa"],
    ["an id with a dot", "w.0.1.aaaa.bbbb"],
    ["of another order", "n.0.-1.aaaaaaaa"],
  ])("refuses a cursor that is %s: 400 invalid_query naming the cursor", async (_what, cursor) => {
    const res = await as(f.ben).call(ListCases, { query: { scope: "team", sort: "waiting", cursor } });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe("invalid_query");
    expect(errorOf(res).issues?.map((i) => i.path)).toContain("cursor");
  });

  it("refuses a page larger than 100", async () => {
    const res = await as(f.ben).call(ListCases, { query: { scope: "team", limit: 101 } });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe("invalid_query");
  });
});
