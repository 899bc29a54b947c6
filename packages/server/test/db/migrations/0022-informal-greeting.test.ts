// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, now, seedOrganisation } from "./harness";

describeMigration("0022-informal-greeting", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000022", name: "Träger G", rootPublicKey: null });
    await sql`insert into agencies (id, organisation_id, name, postcodes, languages, online_anywhere, created_at, greeting)
      values ('agy-00000022', 'org-00000022', 'Stelle', '[]', '["de"]', 1, ${now}, 'Guten Tag')`.execute(db.db);
  },
  assert: async (db) => {
    // Existing agencies keep one greeting for both forms.
    const before = await db.db
      .selectFrom("agencies")
      .select(["greeting", "greeting_informal"])
      .executeTakeFirstOrThrow();
    expect(before).toEqual({ greeting: "Guten Tag", greeting_informal: null });
    await db.db.updateTable("agencies").set({ greeting_informal: "Hallo" }).execute();
    const after = await db.db.selectFrom("agencies").select("greeting_informal").executeTakeFirstOrThrow();
    expect(after.greeting_informal).toBe("Hallo");
  },
});
