// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0023-informal-absence", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000023", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000023", org: "org-00000023", username: "berater", role: "counsellor" });
    await sql`insert into absences (account_id, active, message, until, since, updated_at)
      values ('acc-00000023', 1, 'Ich bin bis Montag nicht da.', null, ${now}, ${now})`.execute(db.db);
  },
  assert: async (db) => {
    // An existing notice keeps serving both forms of address.
    const before = await db.db.selectFrom("absences").select(["message", "message_informal"]).executeTakeFirstOrThrow();
    expect(before).toEqual({ message: "Ich bin bis Montag nicht da.", message_informal: null });
    await db.db.updateTable("absences").set({ message_informal: "Ich bin bis Montag weg." }).execute();
    const after = await db.db.selectFrom("absences").select("message_informal").executeTakeFirstOrThrow();
    expect(after.message_informal).toBe("Ich bin bis Montag weg.");
  },
});
