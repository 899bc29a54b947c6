// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  type CaseEventView,
  GetAbsence,
  GetCase,
  ListAgencies,
  OpenCase,
  SendMessage,
  SetAbsence,
  UpdateAgency,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount } from "../helpers/factories";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "./support";

/**
 * The agency's greeting and a counsellor's absence notice in the topic's form
 * of address (issue #15, item 7): staff write them twice, a case on a "du"
 * topic gets the informal text, a "Sie" topic the formal one; without an
 * informal text the one text serves both. A client who chose a form on their
 * account page gets the notice in that form, whatever the topic's.
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

  it("a counsellor's absence notice reaches a “du” case in its informal form, a “Sie” case in the formal one", async () => {
    const away = {
      active: true,
      message: "Ich bin bis Montag nicht im Büro. Bitte wenden Sie sich an das Team.",
      messageInformal: "Ich bin bis Montag nicht im Büro. Schreib gern dem Team.",
      until: null,
    };
    const ben = apiAs(server, f.ben);
    expect((await ben.call(SetAbsence, { body: away })).body).toEqual(away);
    expect((await ben.call(GetAbsence)).body).toEqual(away);

    async function noticeOnNewCase(
      chosen: "formal" | "informal" | null = null,
    ): Promise<{ shown: string | null; reply: string | null | undefined }> {
      const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
      // The form the client chose on their account page ("Anrede"), if any.
      await server.ctx.db.db
        .updateTable("accounts")
        .set({ address_form: chosen })
        .where("id", "=", client.id)
        .execute();
      const opened = await apiAs(server, client).call(OpenCase, {
        body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
      });
      const c = opened.body.case as { id: string; conversationId: string };
      await ben.call(AcceptCase, { params: { caseId: c.id } });
      await apiAs(server, client).call(SendMessage, {
        params: { id: c.conversationId },
        body: { clientMsgId: rid("cm"), envelope: fakeBytes(40) },
      });
      const got = await apiAs(server, client).call(GetCase, { params: { caseId: c.id } });
      const body = got.body as { case: { assigneeAbsence: string | null }; events: CaseEventView[] };
      return {
        shown: body.case.assigneeAbsence,
        reply: body.events.find((e) => e.type === "absence_reply")?.text,
      };
    }

    await setTopicForm("informal");
    expect(await noticeOnNewCase()).toEqual({ shown: away.messageInformal, reply: away.messageInformal });
    await setTopicForm("formal");
    expect(await noticeOnNewCase()).toEqual({ shown: away.message, reply: away.message });
    // The client's own choice of address wins over the topic's, as on every client page.
    expect(await noticeOnNewCase("informal")).toEqual({ shown: away.messageInformal, reply: away.messageInformal });
    await setTopicForm("informal");
    expect(await noticeOnNewCase("formal")).toEqual({ shown: away.message, reply: away.message });

    // Blank informal text: one notice for both.
    const one = await ben.call(SetAbsence, { body: { ...away, messageInformal: " " } });
    expect(one.body).toMatchObject({ messageInformal: null });
    await setTopicForm("informal");
    expect(await noticeOnNewCase()).toEqual({ shown: away.message, reply: away.message });
    await ben.call(SetAbsence, { body: { ...away, active: false } });
  });
});
