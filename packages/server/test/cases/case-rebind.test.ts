// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type BodyOf,
  type CaseView,
  CreateRebindCode,
  GetCase,
  GetCaseClientKeys,
  ListEpochs,
  LookUpRebindCode,
  RebindCase,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, openAcceptedCase, seedCounselling, type CounsellingFixture } from "./support";

/** Case re-binding (issue 3, item 8): the code, the lookup, the atomic move and every refusal. */
describe.each(DIALECTS)("case re-binding (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(Date.now());
  const as = (a: { cookie: string }) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
  });
  afterAll(async () => server?.stop());

  const acceptedCase = () => openAcceptedCase(server, f, clock.now());

  async function newAccountWithCode() {
    const account = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const res = await as(account).call(CreateRebindCode);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { code, expiresAt } = res.body as { code: string; expiresAt: number };
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(expiresAt).toBe(clock.now() + 24 * 3_600_000);
    return { account, code };
  }

  const rebindBody = (
    code: string,
    accountId: string,
    props: { epoch?: number; history?: number[]; extra?: string[] } = {},
  ) => ({
    code,
    accountId,
    epoch: {
      epoch: props.epoch ?? 2,
      record: fakeBytes(200),
      wraps: [accountId, ...(props.extra ?? [])].map((recipientId) => ({ recipientId, wrap: fakeBytes(80) })),
      teamWrap: fakeBytes(80),
      archiveWrap: fakeBytes(80),
    },
    historyWraps: (props.history ?? [1]).map((epoch) => ({ epoch, wrap: fakeBytes(80) })),
  });

  it("moves the case, its member row and the wraps to the new account atomically and consumes the code", async () => {
    const { client, caseId, conversationId } = await acceptedCase();
    const { account, code } = await newAccountWithCode();

    const lookup = await as(f.anna).call(LookUpRebindCode, { params: { caseId }, body: { code: code.toLowerCase() } });
    expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
    expect(lookup.body).toMatchObject({ accountId: account.id, displayName: account.username });

    const body = rebindBody(code, account.id, { extra: [f.anna.id] });
    const res = await as(f.anna).call(RebindCase, { params: { caseId }, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as { case: CaseView }).case.clientId).toBe(account.id);

    // The new client sees the case and its epochs with a wrap for every one; the old account nothing.
    expect((await as(account).call(GetCase, { params: { caseId } })).status).toBe(200);
    const epochs = await as(account).call(ListEpochs, { params: { id: conversationId } });
    expect(epochs.status).toBe(200);
    const listing = epochs.body as { epochs: { epoch: number }[]; wraps: { epoch: number }[] };
    expect(listing.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(listing.wraps.map((w) => w.epoch)).toEqual([1, 2]);
    const keys = await as(f.anna).call(GetCaseClientKeys, { params: { caseId } });
    expect(keys.status).toBe(200);
    expect((keys.body as { accountId: string }).accountId).toBe(account.id);
    expect((await as(account).call(GetCaseClientKeys, { params: { caseId } })).status).toBe(403);
    expect((await as(client).call(GetCase, { params: { caseId } })).status).toBe(404);
    expect((await as(client).call(ListEpochs, { params: { id: conversationId } })).status).toBe(404);

    const db = server.ctx.db.db;
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("action", "=", "case.rebound")
      .where("target_id", "=", caseId)
      .execute();
    expect(audit).toEqual([{ action: "case.rebound", actor_id: f.anna.id }]);

    // Used: neither lookup nor a second re-binding accepts it again.
    const again = await as(f.anna).call(LookUpRebindCode, { params: { caseId }, body: { code } });
    expect(again.status).toBe(403);
    expect(errorOf(again).code).toBe("rebind_code_invalid");
  });

  it("refuses a wrong or expired code, other staff, an incomplete history and wraps to others", async () => {
    const { caseId } = await acceptedCase();
    const lookup = (code: string) => as(f.anna).call(LookUpRebindCode, { params: { caseId }, body: { code } });
    const codeOf = (res: { body: unknown }) => errorOf(res).code;

    expect(codeOf(await lookup("ZZZZ-ZZZZ"))).toBe("rebind_code_invalid");
    expect((await lookup("short")).status).toBe(400);

    // Staff cannot ask for a code.
    expect((await as(f.ben).call(CreateRebindCode)).status).toBe(403);

    const { account, code } = await newAccountWithCode();
    // Only the assignee or the team lead; another team's counsellor does not even see the case.
    expect((await as(f.ben).call(LookUpRebindCode, { params: { caseId }, body: { code } })).status).toBe(403);
    expect((await as(f.olga).call(LookUpRebindCode, { params: { caseId }, body: { code } })).status).toBe(404);
    expect((await as(f.lead).call(LookUpRebindCode, { params: { caseId }, body: { code } })).status).toBe(200);

    const rebind = (body: BodyOf<typeof RebindCase>) => as(f.anna).call(RebindCase, { params: { caseId }, body });
    // Every earlier epoch needs its wrap; the new epoch is exactly the next one; wraps go to the new client and me only.
    expect((await rebind(rebindBody(code, account.id, { history: [1, 2] }))).status).toBe(400);
    expect((await rebind(rebindBody(code, account.id, { epoch: 3 }))).status).toBe(409);
    expect((await rebind(rebindBody(code, account.id, { extra: [f.ben.id] }))).status).toBe(400);
    expect((await rebind(rebindBody(code, f.otherClient.id))).status).toBe(409);
    // Nothing moved.
    const db = server.ctx.db.db;
    const row = await db.selectFrom("cases").select("client_id").where("id", "=", caseId).executeTakeFirstOrThrow();
    expect(row.client_id).not.toBe(account.id);

    // Expired after 24 hours (moved in the database: advancing the clock would end the test sessions too).
    await db
      .updateTable("case_rebind_codes")
      .set({ expires_at: clock.now() })
      .where("account_id", "=", account.id)
      .execute();
    expect(codeOf(await lookup(code))).toBe("rebind_code_invalid");
    expect(codeOf(await rebind(rebindBody(code, account.id)))).toBe("rebind_code_invalid");
  });

  it("refuses a code that names a staff account", async () => {
    const { caseId } = await acceptedCase();
    const staff = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "counsellor", now: clock.now() });
    const code = "ABCDEFGH";
    const { createHash } = await import("node:crypto");
    await server.ctx.db.db
      .insertInto("case_rebind_codes")
      .values({
        code_hash: createHash("sha256").update(code).digest("hex"),
        account_id: staff.id,
        created_at: clock.now(),
        expires_at: clock.now() + 3_600_000,
        used_at: null,
      })
      .execute();
    const res = await as(f.anna).call(LookUpRebindCode, { params: { caseId }, body: { code } });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("rebind_code_invalid");
  });

  it("refuses a code of the case's own client", async () => {
    const { client, caseId } = await acceptedCase();
    const res = await as(client).call(CreateRebindCode);
    const { code } = res.body as { code: string };
    expect((await as(f.anna).call(LookUpRebindCode, { params: { caseId }, body: { code } })).status).toBe(409);
  });
});
