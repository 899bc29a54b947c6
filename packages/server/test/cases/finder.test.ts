// SPDX-License-Identifier: AGPL-3.0-or-later
import { type AgencyView, FindAgencies, GetAgency, ListTopics, type TopicView } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shuffle, servesPostcode, speaksLanguage } from "../../src/modules/cases/finder";
import { rid, seedAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { giveTeamKey, seedAgency } from "./support";

describe("finder helpers", () => {
  it("matches postcodes by prefix", () => {
    expect(servesPostcode(["10", "12043"], "10115")).toBe(true);
    expect(servesPostcode(["10", "12043"], "12043")).toBe(true);
    expect(servesPostcode(["10", "12043"], "12044")).toBe(false);
    expect(servesPostcode([""], "12044")).toBe(false);
  });

  it("matches languages by their primary subtag", () => {
    expect(speaksLanguage(["de", "ar-SY"], "ar")).toBe(true);
    expect(speaksLanguage(["de", "AR"], "ar")).toBe(true);
    expect(speaksLanguage(["de", "fa"], "ar")).toBe(false);
    expect(speaksLanguage([], "de")).toBe(false);
  });

  it("shuffles into every order (Fisher–Yates, crypto randomness)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(shuffle([1, 2, 3]).join(""));
    expect(seen.size).toBe(6);
  });
});

describe.each(DIALECTS)("agency finder (%s)", (dialect) => {
  let server: TestServer;
  let topicId: string;
  const agencies: string[] = [];
  let online: string;
  let counsellor: string;
  let outsider: string;
  const send = () => apiAs(server);

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    const { orgId, teamId } = await seedOrg(db);
    const lead = await seedAccount(db, { orgId, role: "counsellor", team: { id: teamId, role: "lead" } });
    counsellor = lead.id;
    await giveTeamKey(db, { orgId, teamId, memberIds: [lead.id], createdBy: lead.id });
    const first = await seedAgency(db, { orgId, teamId, postcodes: ["10"], name: "Stelle A" });
    topicId = first.topicId;
    agencies.push(first.agencyId);
    for (const [name, postcodes] of [
      ["Stelle B", ["101"]],
      ["Stelle C", ["10115"]],
    ] as const) {
      const team = rid("team");
      await db
        .insertInto("teams")
        .values({ id: team, organisation_id: orgId, agency_id: null, name, is_intake: 0, created_at: Date.now() })
        .execute();
      await giveTeamKey(db, { orgId, teamId: team, memberIds: [lead.id], createdBy: lead.id });
      agencies.push((await seedAgency(db, { orgId, teamId: team, postcodes: [...postcodes], topicId, name })).agencyId);
    }
    const other = await seedOrg(db);
    outsider = (
      await seedAccount(db, { orgId: other.orgId, role: "counsellor", team: { id: other.teamId, role: "member" } })
    ).id;
    // Online anywhere, but its intake team has no key yet: listed, but takes no enquiries.
    const o = await seedAgency(db, {
      orgId: other.orgId,
      teamId: other.teamId,
      postcodes: ["80"],
      online: true,
      topicId,
      name: "Online",
    });
    online = o.agencyId;
  });
  afterAll(async () => server?.stop());

  it("lists topics of all organisations without login", async () => {
    const res = await send().call(ListTopics);
    expect(res.status).toBe(200);
    const topics = (res.body as { topics: TopicView[] }).topics;
    expect(topics.find((t) => t.id === topicId)).toMatchObject({ slug: expect.any(String), addressForm: "informal" });
  });

  it("finds agencies by postcode prefix or online, with their intake team", async () => {
    const find = async (q: { postcode: string } | { online: "1" }) =>
      (await send().call(FindAgencies, { query: { topicId, ...q } })).body.agencies;
    expect((await find({ postcode: "10115" })).map((a) => a.id).sort()).toEqual([...agencies].sort());
    expect((await find({ postcode: "10200" })).map((a) => a.id)).toEqual([agencies[0]]);
    expect(await find({ postcode: "99999" })).toEqual([]);
    const onlineOnes = await find({ online: "1" });
    expect(onlineOnes.map((a) => a.id)).toEqual([online]);
    expect(onlineOnes[0]).toMatchObject({ onlineAnywhere: true, intakeTeamId: null, languages: ["de", "tr"] });
    expect((await find({ postcode: "10115" }))[0]!.intakeTeamId).not.toBeNull();
    expect((await send().call(FindAgencies, { query: { topicId } })).status).toBe(400);
    expect((await send().call(FindAgencies, { query: { topicId, postcode: "10115", online: "1" } })).status).toBe(400);
    expect((await send().call(FindAgencies, { query: { topicId, postcode: "1011" } })).status).toBe(400);
  });

  it("filters by a language the agency's counsellors speak (ADR 0046)", async () => {
    await server.ctx.db.db
      .updateTable("agencies")
      .set({ languages: JSON.stringify(["de", "ar-SY", "fa"]) })
      .where("id", "=", agencies[1]!)
      .execute();
    const find = async (language: string) =>
      (await send().call(FindAgencies, { query: { topicId, postcode: "10115", language } })).body.agencies;
    expect((await find("ar")).map((a) => a.id)).toEqual([agencies[1]]);
    expect((await find("fa")).map((a) => a.id)).toEqual([agencies[1]]);
    expect((await find("tr")).map((a) => a.id).sort()).toEqual([agencies[0], agencies[2]].sort());
    expect(await find("uk")).toEqual([]);
    expect((await find("de")).map((a) => a.id).sort()).toEqual([...agencies].sort());
    const online = (await send().call(FindAgencies, { query: { topicId, online: "1", language: "ar" } })).body;
    expect(online.agencies).toEqual([]);
    for (const language of ["ar-SY", "AR", "arabic", ""]) {
      const res = await send().call(FindAgencies, { query: { topicId, postcode: "10115", language } });
      expect([language, res.status]).toEqual([language, 400]);
    }
  });

  it("puts every agency first in some answers (shuffled per request)", async () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const res = await send().call(FindAgencies, { query: { topicId, postcode: "10115" } });
      const first = (res.body as { agencies: AgencyView[] }).agencies[0]!.id;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // With three agencies, missing one in 60 draws has probability 3·(2/3)^60 ≈ 8e-11.
    expect([...firsts.keys()].sort()).toEqual([...agencies].sort());
  });

  it("shows one agency for deep links, with a preselected counsellor only if they work there", async () => {
    const get = (counsellorId?: string) =>
      send().call(GetAgency, { params: { agencyId: agencies[0]! }, query: { counsellorId } });
    const plain = await get();
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ agency: { id: agencies[0] }, counsellor: null });
    expect((plain.body as { topics: TopicView[] }).topics.map((t) => t.id)).toEqual([topicId]);
    // Without a display name the counsellor is preselected but unnamed: a deep link never shows a login name.
    expect((await get(counsellor)).body).toMatchObject({
      counsellor: { id: counsellor, displayName: null },
    });
    await server.ctx.db.db
      .updateTable("accounts")
      .set({ display_name: "Frau Lindner" })
      .where("id", "=", counsellor)
      .execute();
    expect((await get(counsellor)).body).toMatchObject({
      counsellor: { id: counsellor, displayName: "Frau Lindner" },
    });
    expect((await get(outsider)).body).toMatchObject({ counsellor: null });
    expect((await send().call(GetAgency, { params: { agencyId: rid("agy") } })).status).toBe(404);
  });
});
