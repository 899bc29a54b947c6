// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedConversation, seedOrganisation } from "./harness";

describeMigration("0009-counselling", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000009", name: "Träger I", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000009", org: "org-00000009", username: "ida", role: "counsellor" });
    await seedAccount(db, { id: "acc-0000009c", username: "fuchs", role: "client" });
    await sql`insert into agencies (id, organisation_id, name, created_at) values ('agy-00000009', 'org-00000009', 'Stelle', ${now})`.execute(
      db.db,
    );
    await sql`insert into topics (id, organisation_id, slug, name, created_at) values ('top-00000009', 'org-00000009', 'familie', 'Familie', ${now})`.execute(
      db.db,
    );
    await sql`insert into teams (id, organisation_id, agency_id, name, is_intake, created_at) values ('team-0000009', 'org-00000009', 'agy-00000009', 'Team', 1, ${now})`.execute(
      db.db,
    );
    await seedConversation(db, { id: "cv-00000009", org: "org-00000009", kind: "case", creator: "acc-0000009c" });
  },
  assert: async (db) => {
    // Existing rows get the new nullable columns.
    const agency = await db.db.selectFrom("agencies").select("greeting").executeTakeFirstOrThrow();
    expect(agency.greeting).toBeNull();
    const account = await db.db
      .selectFrom("accounts")
      .select("display_name")
      .where("id", "=", "acc-00000009")
      .executeTakeFirstOrThrow();
    expect(account.display_name).toBeNull();
    const kase = {
      id: "case-0000009",
      organisation_id: "org-00000009",
      conversation_id: "cv-00000009",
      notes_conversation_id: null,
      agency_id: "agy-00000009",
      topic_id: "top-00000009",
      team_id: "team-0000009",
      client_id: "acc-0000009c",
      assignee_id: null,
      preferred_counsellor_id: "acc-00000009",
      state: "new" as const,
      created_at: now,
      accepted_at: null,
      closed_at: null,
      archived_at: null,
      waiting_since: now,
      greeting_sent_at: null,
    };
    await db.db.insertInto("cases").values(kase).execute();
    // One case per conversation.
    await expectRefused(
      db.db
        .insertInto("cases")
        .values({ ...kase, id: "case-000009b", preferred_counsellor_id: null, waiting_since: null }),
    );
    await db.db
      .insertInto("case_events")
      .values({
        id: "ev-00000009",
        case_id: "case-0000009",
        type: "greeting",
        actor_id: null,
        assignee_id: null,
        team_id: "team-0000009",
        text: "Willkommen",
        created_at: now,
      })
      .execute();
    await db.db
      .insertInto("conversation_epochs")
      .values({
        conversation_id: "cv-00000009",
        epoch: 1,
        record: new Uint8Array([1]),
        created_by: "acc-0000009c",
        created_at: now,
      })
      .execute();
    const wrap = {
      conversation_id: "cv-00000009",
      epoch: 1,
      generation: 3,
      wrap: new Uint8Array([2, 255]),
      created_at: now,
    };
    await db.db
      .insertInto("epoch_team_wraps")
      .values({ ...wrap, role: "team", ref_id: "team-0000009" })
      .execute();
    await db.db
      .insertInto("epoch_team_wraps")
      .values({ ...wrap, role: "archive", ref_id: "org-00000009" })
      .execute();
    await expectRefused(db.db.insertInto("epoch_team_wraps").values({ ...wrap, role: "team", ref_id: "team-0000009" }));
    const wraps = await db.db.selectFrom("epoch_team_wraps").select(["role", "wrap"]).orderBy("role").execute();
    expect(wraps.map((w) => [w.role, [...w.wrap]])).toEqual([
      ["archive", [2, 255]],
      ["team", [2, 255]],
    ]);
    await db.db
      .insertInto("absences")
      .values({
        account_id: "acc-00000009",
        active: 1,
        message: "Bis Montag",
        until: null,
        since: now,
        updated_at: now,
      })
      .execute();
    // Deleting the case takes its timeline with it.
    await db.db.deleteFrom("cases").where("id", "=", "case-0000009").execute();
    expect(await db.db.selectFrom("case_events").selectAll().execute()).toEqual([]);
  },
});
