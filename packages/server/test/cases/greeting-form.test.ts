// SPDX-License-Identifier: AGPL-3.0-or-later
import { type CaseEventView, OpenCase, UpdateAgency, ListAgencies } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "./support";

/**
 * The agency's greeting in the topic's form of address (issue #15, item 7):
 * admins write it twice, a case on a "du" topic is greeted with the informal
 * one, a "Sie" topic with the formal one; without an informal text the one
 * greeting serves both.
 */
describe.each(DIALECTS)("greeting in the topic's form of address (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    f = await seedCounselling(server.ctx.db.db, { greeting: "Guten Tag, schön, dass Sie schreiben." });
  });
  afterAll(async () => server?.stop());

  const setTopicForm = (form: "formal" | "informal") =>
    server.ctx.db.db.updateTable("topics").set({ address_form: form }).where("id", "=", f.topicId).execute();

  async function greetingOfNewCase(): Promise<string | null | undefined> {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    const res = await apiAs(server, client).call(OpenCase, {
      body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body.events as CaseEventView[]).find((e) => e.type === "greeting")?.text;
  }

  it("without an informal text, the one greeting greets both", async () => {
    await setTopicForm("informal");
    expect(await greetingOfNewCase()).toBe("Guten Tag, schön, dass Sie schreiben.");
  });

  it("an admin writes the informal greeting in the console's agency form; each topic gets its own", async () => {
    const admin = apiAs(server, f.admin);
    const listed = await admin.call(ListAgencies, { params: { orgId: f.orgId } });
    const agency = listed.body.agencies.find((a) => a.id === f.agencyId)!;
    expect(agency.greetingInformal).toBeNull();
    const { id: _id, createdAt: _createdAt, ...input } = agency;
    const updated = await admin.call(UpdateAgency, {
      params: { orgId: f.orgId, agencyId: f.agencyId },
      body: { ...input, greetingInformal: "Hallo, schön, dass du schreibst!" },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.agency.greetingInformal).toBe("Hallo, schön, dass du schreibst!");

    await setTopicForm("informal");
    expect(await greetingOfNewCase()).toBe("Hallo, schön, dass du schreibst!");
    await setTopicForm("formal");
    expect(await greetingOfNewCase()).toBe("Guten Tag, schön, dass Sie schreiben.");

    // Left out (an older console) or empty: back to one greeting for both.
    const cleared = await admin.call(UpdateAgency, {
      params: { orgId: f.orgId, agencyId: f.agencyId },
      body: { ...input, greetingInformal: "  " },
    });
    expect(cleared.body.agency.greetingInformal).toBeNull();
  });
});
