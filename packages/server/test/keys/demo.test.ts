// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import {
  currentTeamKeyGeneration,
  fromBase64Url,
  restoreAccountKeys,
  unwrapTeamKey,
  verifyOrgLog,
} from "@obhut/crypto";
import { CurrentSession, FindAgencies, ListKeyWraps, ListTopics } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLoginsFile, seedDemo } from "../../src/modules/organisation/demo";
import { startTestServer, type TestServer } from "../helpers/server";
import { client, fetchLog, loginWithKeys } from "./support";

describe("demo organisation key directory", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.ctx, () => undefined);
  });
  afterAll(() => server.stop());

  it("has a verifiable log and a team key every team member can open after logging in", async () => {
    const logins = fs.readFileSync(demoLoginsFile(server.dataDir), "utf8");
    const password = /demo-beraterin\s+(\S+)/.exec(logins)![1]!;
    const c = client(server);
    const session = await loginWithKeys(c.send, "demo-beraterin", password);
    c.jar.cookie = session.cookie;
    const keys = await restoreAccountKeys(session.keyBundle, { exportKey: session.exportKey });
    const me = (await c.api.call(CurrentSession)).body;
    const state = verifyOrgLog(await fetchLog(c.send, me.account.organisationId!));
    expect(state.admins.size).toBe(1);
    expect(state.staff.size).toBe(4);
    const [teamId, team] = [...state.teams.entries()][0]!;
    expect(team.members.size).toBe(3);
    const [wrap] = (await c.api.call(ListKeyWraps, { query: { kind: "team" } })).body.wraps;
    const opened = await unwrapTeamKey({
      teamId,
      generation: 1,
      expectedPublicKey: currentTeamKeyGeneration(state, teamId).publicKey,
      wrapped: fromBase64Url(wrap!.blob),
      memberSecretKey: keys.encryption.secretKey,
    });
    expect(opened.generation).toBe(1);
  });
});

describe("demo organisation for counselling", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.ctx, () => undefined);
  });
  afterAll(() => server.stop());

  it("gives every staff account a display name, so clients never have to be shown a login name", async () => {
    const staff = await server.ctx.db.db
      .selectFrom("accounts")
      .select(["username", "display_name"])
      .where("kind", "=", "staff")
      .execute();
    expect(staff.length).toBeGreaterThan(0);
    for (const a of staff) expect(a.display_name?.trim(), a.username).toBeTruthy();
  });

  it("offers an agency in the finder whose keyed intake team greets in German", async () => {
    const c = client(server);
    const topics = (await c.api.call(ListTopics)).body;
    expect(topics.topics).toHaveLength(2);
    for (const query of [{ postcode: "12043" }, { online: "1" as const }]) {
      const res = await c.api.call(FindAgencies, { query: { topicId: topics.topics[0]!.id, ...query } });
      const [agency] = res.body.agencies;
      expect(agency).toMatchObject({
        name: "Beratungsstelle Demo-Stadt",
        onlineAnywhere: true,
        languages: ["de", "en"],
        openingHours: expect.any(String),
        intakeTeamId: expect.any(String),
        greeting: expect.stringContaining("willkommen"),
      });
    }
  });
});
