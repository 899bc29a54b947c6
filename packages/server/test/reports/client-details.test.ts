// SPDX-License-Identifier: AGPL-3.0-or-later
import { finishLogin, startLogin } from "@obhut/crypto";
import {
  AccountDeletionFinish,
  AccountDeletionStart,
  GetClientDetailQuestions,
  GetMyClientDetails,
  GetStatistics,
  OpenCase,
  PutClientDetailQuestions,
  PutMyClientDetails,
  type StatisticsReport,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginClient, registerStaff } from "../admin/support";
import { openCaseBody, seedCaseRow, seedCounselling, type CounsellingFixture } from "../cases/support";
import { api, apiAs, errorOf, type ApiClient } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

/**
 * Voluntary client details (issue #22, ADR 0050): the organisation's switch
 * (off by default, admins only, audited), a client's answer (set, changed,
 * cleared; a question not asked is refused), the statistics breakdown with
 * k ≥ 5 suppression, and the answers going with the account.
 */
describe.each(DIALECTS)("voluntary client details (%s)", (dialect) => {
  const clock = manualClock(Date.UTC(2026, 2, 10, 10));
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  const as = (a?: { cookie: string }) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo" });
  });
  afterAll(async () => server?.stop());

  const caseFor = (client: SeededAccount) =>
    seedCaseRow(server.ctx.db.db, {
      orgId: f.orgId,
      teamId: f.teamId,
      agencyId: f.agencyId,
      topicId: f.topicId,
      client,
      staffIds: [],
    });
  const year = () => new Date(clock.now()).getUTCFullYear();
  const report = async () =>
    (await as(dpo).call(GetStatistics, { params: { orgId: f.orgId }, query: { year: year(), period: "year" } }))
      .body as StatisticsReport;

  it("nothing is asked until an administrator turns a question on; the switch is audited", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    await caseFor(client);
    const params = { orgId: f.orgId };
    expect((await as(dpo).call(GetClientDetailQuestions, { params })).body).toEqual({ ageBand: false, gender: false });
    expect((await as(client).call(GetMyClientDetails)).body).toEqual({ organisations: [] });
    const early = await as(client).call(PutMyClientDetails, { params, body: { ageBand: "18_26", gender: null } });
    expect(early.status).toBe(400);
    expect(errorOf(early).code).toBe("client_detail_not_asked");
    expect((await report()).notRecorded).toEqual(["age_band", "gender"]);

    // Counsellors and the DPO do not decide; another organisation's admin sees nothing.
    for (const who of [f.anna, dpo])
      expect(
        (await as(who).call(PutClientDetailQuestions, { params, body: { ageBand: true, gender: true } })).status,
      ).toBe(403);
    expect((await as(f.anna).call(GetClientDetailQuestions, { params })).status).toBe(403);
    const on = await as(f.admin).call(PutClientDetailQuestions, { params, body: { ageBand: true, gender: false } });
    expect(on.status).toBe(200);
    expect((await as(dpo).call(GetClientDetailQuestions, { params })).body).toEqual({ ageBand: true, gender: false });
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("organisation_id", "=", f.orgId)
      .where("action", "=", "statistics.client_detail_questions_updated")
      .execute();
    expect(audit).toEqual([{ action: "statistics.client_detail_questions_updated", actor_id: f.admin.id }]);
    expect((await report()).notRecorded).toEqual(["gender"]);
  });

  it("a client answers, changes and clears; a detail not asked is refused; only at their own organisations", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    await caseFor(client);
    const params = { orgId: f.orgId };
    const mine = async () => (await as(client).call(GetMyClientDetails)).body;
    expect(await mine()).toEqual({
      organisations: [
        {
          organisationId: f.orgId,
          organisationName: expect.any(String),
          questions: { ageBand: true, gender: false },
          answer: { ageBand: null, gender: null },
        },
      ],
    });
    expect(
      (await as(client).call(PutMyClientDetails, { params, body: { ageBand: "14_17", gender: null } })).status,
    ).toBe(200);
    expect((await mine()).organisations[0]?.answer).toEqual({ ageBand: "14_17", gender: null });
    await as(client).call(PutMyClientDetails, { params, body: { ageBand: "18_26", gender: null } });
    expect((await mine()).organisations[0]?.answer).toEqual({ ageBand: "18_26", gender: null });

    const notAsked = await as(client).call(PutMyClientDetails, {
      params,
      body: { ageBand: "18_26", gender: "female" },
    });
    expect(notAsked.status).toBe(400);
    expect(errorOf(notAsked).code).toBe("client_detail_not_asked");
    for (const body of [{ ageBand: "31", gender: null }, { ageBand: "18_26" }, { ageBand: null, gender: null, x: 1 }]) {
      const r = await as(client).callRaw("PUT", `/api/account/client-details/${f.orgId}`, body);
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe("invalid_body");
    }
    expect((await mine()).organisations[0]?.answer).toEqual({ ageBand: "18_26", gender: null });

    // A client without a case there, staff and strangers get nothing.
    const other = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    expect(
      (await as(other).call(PutMyClientDetails, { params, body: { ageBand: "18_26", gender: null } })).status,
    ).toBe(404);
    expect((await as(f.anna).call(GetMyClientDetails)).status).toBe(403);
    expect((await as().call(GetMyClientDetails)).status).toBe(401);

    // Cleared: no row left at all.
    await as(client).call(PutMyClientDetails, { params, body: { ageBand: null, gender: null } });
    expect((await mine()).organisations[0]?.answer).toEqual({ ageBand: null, gender: null });
    const rows = await server.ctx.db.db.selectFrom("client_details").select("account_id").execute();
    expect(rows.map((r) => r.account_id)).not.toContain(client.id);
  });

  it("statistics break enquiries down by age band and gender with k ≥ 5 suppression", async () => {
    const db = server.ctx.db.db;
    const params = { orgId: f.orgId };
    await as(f.admin).call(PutClientDetailQuestions, { params, body: { ageBand: true, gender: true } });
    const answer = async (ageBand: "18_26" | "27_49" | null, gender: "female" | "diverse" | null) => {
      const client = await seedAccount(db, { orgId: null, role: "client" });
      await caseFor(client);
      const r = await as(client).call(PutMyClientDetails, { params, body: { ageBand, gender } });
      expect(r.status).toBe(200);
    };
    for (let i = 0; i < 6; i++) await answer("18_26", "female");
    await answer("27_49", "diverse");
    const before = await report();
    expect(before.notRecorded).toEqual([]);
    const total = before.rows.find((r) => r.group.id === null)!;
    const cell = <T extends { enquiries: number | null }>(list: T[], pick: (x: T) => boolean) =>
      list.find(pick)?.enquiries;
    // 6 of 18–26 shown; the single 27–49 is hidden, and so is a second cell (not stated) so it cannot be recomputed.
    expect(cell(total.ageBands, (a) => a.ageBand === "18_26")).toBe(6);
    expect(cell(total.ageBands, (a) => a.ageBand === "27_49")).toBeNull();
    expect(cell(total.ageBands, (a) => a.ageBand === "under_14")).toBe(0);
    expect(total.ageBands.filter((a) => a.enquiries === null).length).toBeGreaterThanOrEqual(2);
    expect(cell(total.genders, (g) => g.gender === "female")).toBe(6);
    expect(cell(total.genders, (g) => g.gender === "diverse")).toBeNull();
    // Whatever is shown adds up with the enquiries or leaves at least two cells hidden.
    const shown = total.genders.filter((g) => g.enquiries !== null).reduce((s, g) => s + g.enquiries!, 0);
    expect(shown).toBeLessThanOrEqual(total.newEnquiries!);

    // A question turned off again is no longer shown or counted.
    await as(f.admin).call(PutClientDetailQuestions, { params, body: { ageBand: true, gender: false } });
    const after = await report();
    expect(after.notRecorded).toEqual(["gender"]);
    expect(after.rows[0]?.genders).toEqual([]);
    expect(after.rows[0]?.ageBands.length).toBe(7);
    // …and its stored answers are gone: nothing kept that is neither shown nor counted.
    const genders = await db
      .selectFrom("client_details")
      .select("gender")
      .where("organisation_id", "=", f.orgId)
      .where("gender", "is not", null)
      .execute();
    expect(genders).toEqual([]);
  });

  it("answers outlive a deleted case: the client still sees, changes and clears them", async () => {
    const db = server.ctx.db.db;
    const params = { orgId: f.orgId };
    const client = await seedAccount(db, { orgId: null, role: "client" });
    await caseFor(client);
    expect(
      (await as(client).call(PutMyClientDetails, { params, body: { ageBand: "65_plus", gender: null } })).status,
    ).toBe(200);
    await db.deleteFrom("cases").where("client_id", "=", client.id).execute();
    const listed = (await as(client).call(GetMyClientDetails)).body as { organisations: { answer: unknown }[] };
    expect(listed.organisations.map((o) => o.answer)).toEqual([{ ageBand: "65_plus", gender: null }]);
    expect((await as(client).call(PutMyClientDetails, { params, body: { ageBand: null, gender: null } })).status).toBe(
      200,
    );
    expect((await as(client).call(GetMyClientDetails)).body).toEqual({ organisations: [] });
  });

  async function deleteAccount(send: ApiClient, props: { password: string; username: string }) {
    const start = await startLogin(props.password);
    const r1 = await send.call(AccountDeletionStart, { body: { startLoginRequest: start.request } });
    expect(r1.status).toBe(200);
    const { deletionId, loginResponse } = r1.body as { deletionId: string; loginResponse: string };
    const { finishRequest } = await finishLogin({
      password: props.password,
      state: start.state,
      response: loginResponse,
    });
    return send.call(AccountDeletionFinish, {
      body: { deletionId, finishLoginRequest: finishRequest, username: props.username },
    });
  }

  it("the answers go with the client's account", async () => {
    const db = server.ctx.db.db;
    const account = await registerStaff(server, { orgId: null, role: "client", kind: "client" });
    const send = api((await loginClient(server, account.username, account.password)).send);
    expect(
      (await send.call(OpenCase, { body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }) })).status,
    ).toBe(201);
    const put = await send.call(PutMyClientDetails, {
      params: { orgId: f.orgId },
      body: { ageBand: "50_64", gender: null },
    });
    expect(put.status).toBe(200);
    const rows = () =>
      db.selectFrom("client_details").select("age_band").where("account_id", "=", account.id).execute();
    expect(await rows()).toEqual([{ age_band: "50_64" }]);
    const done = await deleteAccount(send, { password: account.password, username: account.username });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(await rows()).toEqual([]);
  });
});
