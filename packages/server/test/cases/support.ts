// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { AcceptCase, OpenCase, OpenNotes } from "@obhut/protocol";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../src/infra/db/schema";
import { apiAs } from "../helpers/api";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import type { TestServer } from "../helpers/server";

/**
 * Factories for the counselling tests. Epoch records, key wraps and
 * envelopes are random bytes: the server never parses them, and the crypto
 * itself is tested in @obhut/crypto.
 */
export const fakeBytes = (size = 120): string => crypto.randomBytes(size).toString("base64url");

export function fakeEpoch() {
  return { record: fakeBytes(300), ownWrap: fakeBytes(90), teamWrap: fakeBytes(90), archiveWrap: fakeBytes(90) };
}

/** Gives a team a stored team key generation (what the admin's browser uploads), so it can take enquiries. */
export async function giveTeamKey(
  db: Kysely<Database>,
  props: { orgId: string; teamId: string; generation?: number; memberIds: string[]; createdBy: string },
): Promise<void> {
  const generation = props.generation ?? 1;
  for (const accountId of props.memberIds)
    await db
      .insertInto("key_wraps")
      .values({
        id: rid("kw"),
        organisation_id: props.orgId,
        recipient_account_id: accountId,
        kind: "team",
        ref_id: props.teamId,
        generation,
        blob: fakeBytes(80),
        slot: `team|${props.teamId}|${generation}|${accountId}`,
        created_by: props.createdBy,
        created_at: Date.now(),
      })
      .execute();
}

/** An agency with a topic served at the given postcode prefixes; `teamId` becomes its intake team. */
export async function seedAgency(
  db: Kysely<Database>,
  props: {
    orgId: string;
    teamId: string;
    postcodes?: string[];
    online?: boolean;
    greeting?: string | null;
    topicId?: string;
    name?: string;
  },
): Promise<{ agencyId: string; topicId: string }> {
  const now = Date.now();
  const agencyId = rid("agy");
  await db
    .insertInto("agencies")
    .values({
      id: agencyId,
      organisation_id: props.orgId,
      name: props.name ?? "Beratungsstelle",
      address: "Musterweg 1",
      postcodes: JSON.stringify(props.postcodes ?? ["10"]),
      languages: JSON.stringify(["de", "tr"]),
      opening_hours: "Mo–Fr 9–17",
      online_anywhere: props.online ? 1 : 0,
      created_at: now,
      greeting: props.greeting ?? null,
    })
    .execute();
  let topicId = props.topicId;
  if (!topicId) {
    topicId = rid("top");
    await db
      .insertInto("topics")
      .values({
        id: topicId,
        organisation_id: props.orgId,
        slug: rid("t"),
        name: "Familie",
        address_form: "informal",
        created_at: now,
      })
      .execute();
  }
  await db.insertInto("agency_topics").values({ agency_id: agencyId, topic_id: topicId }).execute();
  await db.updateTable("teams").set({ agency_id: agencyId, is_intake: 1 }).where("id", "=", props.teamId).execute();
  return { agencyId, topicId };
}

export function openCaseBody(props: { agencyId: string; topicId: string; preferredCounsellorId?: string }) {
  return {
    caseId: rid("case"),
    conversationId: rid("conv"),
    agencyId: props.agencyId,
    topicId: props.topicId,
    ...(props.preferredCounsellorId ? { preferredCounsellorId: props.preferredCounsellorId } : {}),
    epoch: fakeEpoch(),
    firstMessage: { clientMsgId: rid("cm"), envelope: fakeBytes(200) },
  };
}

/**
 * A case written straight into the database (for matrix tests that need many):
 * conversation with the client and the given staff as members, epoch 1 with
 * a team wrap, the case row in the given state.
 */
export async function seedCaseRow(
  db: Kysely<Database>,
  props: {
    orgId: string;
    teamId: string;
    agencyId: string;
    topicId: string;
    client: SeededAccount;
    staffIds: string[];
    assigneeId?: string | null;
    state?: Database["cases"]["state"];
  },
): Promise<{ caseId: string; conversationId: string }> {
  const now = Date.now();
  const caseId = rid("case");
  const conversationId = rid("conv");
  await db
    .insertInto("conversations")
    .values({
      id: conversationId,
      organisation_id: props.orgId,
      kind: "case",
      created_by: props.client.id,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("conversation_members")
    .values([
      { conversation_id: conversationId, account_id: props.client.id, role: "member", joined_at: now, left_at: null },
      ...props.staffIds.map((id) => ({
        conversation_id: conversationId,
        account_id: id,
        role: "team" as const,
        joined_at: now,
        left_at: null,
      })),
    ])
    .execute();
  await db
    .insertInto("conversation_epochs")
    .values({
      conversation_id: conversationId,
      epoch: 1,
      record: new Uint8Array([1, 2]),
      created_by: props.client.id,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("epoch_team_wraps")
    .values({
      conversation_id: conversationId,
      epoch: 1,
      role: "team",
      ref_id: props.teamId,
      generation: 1,
      wrap: new Uint8Array([3, 4]),
      created_at: now,
    })
    .execute();
  const state = props.state ?? (props.assigneeId ? "active" : "new");
  await db
    .insertInto("cases")
    .values({
      id: caseId,
      organisation_id: props.orgId,
      conversation_id: conversationId,
      notes_conversation_id: null,
      agency_id: props.agencyId,
      topic_id: props.topicId,
      team_id: props.teamId,
      client_id: props.client.id,
      assignee_id: props.assigneeId ?? null,
      preferred_counsellor_id: null,
      state,
      created_at: now,
      accepted_at: props.assigneeId ? now : null,
      closed_at: state === "closed" ? now : null,
      archived_at: null,
      waiting_since: null,
      greeting_sent_at: null,
    })
    .execute();
  return { caseId, conversationId };
}

export interface CounsellingFixture {
  orgId: string;
  teamId: string;
  otherTeamId: string;
  agencyId: string;
  topicId: string;
  lead: SeededAccount;
  anna: SeededAccount;
  ben: SeededAccount;
  /** Counsellor of the same organisation in the other team only. */
  olga: SeededAccount;
  /** Counsellor of another organisation. */
  stranger: SeededAccount;
  admin: SeededAccount;
  client: SeededAccount;
  otherClient: SeededAccount;
}

/** One organisation with an intake team (lead, anna, ben) and a second team (olga), plus outsiders. */
export async function seedCounselling(
  db: Kysely<Database>,
  props: { greeting?: string | null } = {},
): Promise<CounsellingFixture> {
  const now = Date.now();
  const orgId = rid("org");
  const otherOrg = rid("org");
  for (const id of [orgId, otherOrg])
    await db
      .insertInto("organisations")
      .values({ id, name: `Träger ${id.slice(-4)}`, root_public_key: null, created_at: now })
      .execute();
  const teamId = rid("team");
  const otherTeamId = rid("team");
  const strangerTeam = rid("team");
  await db
    .insertInto("teams")
    .values([
      { id: teamId, organisation_id: orgId, agency_id: null, name: "Team Familie", is_intake: 0, created_at: now },
      { id: otherTeamId, organisation_id: orgId, agency_id: null, name: "Team Jugend", is_intake: 0, created_at: now },
      {
        id: strangerTeam,
        organisation_id: otherOrg,
        agency_id: null,
        name: "Team Fremd",
        is_intake: 0,
        created_at: now,
      },
    ])
    .execute();
  const lead = await seedAccount(db, { orgId, role: "counsellor", team: { id: teamId, role: "lead" } });
  const anna = await seedAccount(db, { orgId, role: "counsellor", team: { id: teamId, role: "member" } });
  const ben = await seedAccount(db, { orgId, role: "counsellor", team: { id: teamId, role: "member" } });
  const olga = await seedAccount(db, { orgId, role: "counsellor", team: { id: otherTeamId, role: "member" } });
  const stranger = await seedAccount(db, {
    orgId: otherOrg,
    role: "counsellor",
    team: { id: strangerTeam, role: "lead" },
  });
  const admin = await seedAccount(db, { orgId, role: "org_admin" });
  const client = await seedAccount(db, { orgId: null, role: "client" });
  const otherClient = await seedAccount(db, { orgId: null, role: "client" });
  await db.updateTable("accounts").set({ display_name: "Anna Beispiel" }).where("id", "=", anna.id).execute();
  await giveTeamKey(db, { orgId, teamId, memberIds: [lead.id, anna.id, ben.id], createdBy: admin.id });
  await giveTeamKey(db, { orgId, teamId: otherTeamId, generation: 2, memberIds: [olga.id], createdBy: admin.id });
  await giveTeamKey(db, { orgId: otherOrg, teamId: strangerTeam, memberIds: [stranger.id], createdBy: stranger.id });
  const { agencyId, topicId } = await seedAgency(db, {
    orgId,
    teamId,
    postcodes: ["10", "12043"],
    greeting: props.greeting === undefined ? "Willkommen! Wir antworten innerhalb von zwei Werktagen." : props.greeting,
  });
  return { orgId, teamId, otherTeamId, agencyId, topicId, lead, anna, ben, olga, stranger, admin, client, otherClient };
}

/** A case of a fresh client, opened and accepted by anna through the API. */
export async function openAcceptedCase(server: TestServer, f: CounsellingFixture, now: number) {
  const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now });
  const body = openCaseBody({ agencyId: f.agencyId, topicId: f.topicId });
  const opened = await apiAs(server, client).call(OpenCase, { body });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  expect((await apiAs(server, f.anna).call(AcceptCase, { params: { caseId: body.caseId } })).status).toBe(200);
  return { client, caseId: body.caseId, conversationId: body.conversationId };
}

/** The same, with anna's notes on the case. */
export async function openAcceptedCaseWithNotes(server: TestServer, f: CounsellingFixture, now: number) {
  const accepted = await openAcceptedCase(server, f, now);
  const notesConversationId = rid("conv");
  const notes = await apiAs(server, f.anna).call(OpenNotes, {
    params: { caseId: accepted.caseId },
    body: { conversationId: notesConversationId, epoch: fakeEpoch() },
  });
  expect(notes.status, JSON.stringify(notes.body)).toBe(201);
  return { ...accepted, notesConversationId };
}
