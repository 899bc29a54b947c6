// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0040-client-details", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000040", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-client-40", username: "mond-40", role: "client" });
  },
  assert: async (db) => {
    // Off by default: a row asks nothing unless told to.
    await db.db
      .insertInto("client_detail_questions")
      .values({ organisation_id: "org-00000040", updated_at: now } as never)
      .execute();
    expect(await db.db.selectFrom("client_detail_questions").select(["ask_age_band", "ask_gender"]).execute()).toEqual([
      { ask_age_band: 0, ask_gender: 0 },
    ]);
    await db.db
      .insertInto("client_details")
      .values({
        organisation_id: "org-00000040",
        account_id: "acc-client-40",
        age_band: "18_26",
        gender: null,
        updated_at: now,
      })
      .execute();
    // Only the listed bands and genders, one row per client and organisation.
    await expectRefused(
      db.db
        .updateTable("client_details")
        .set({ age_band: "31" as never })
        .where("account_id", "=", "acc-client-40"),
    );
    await expectRefused(
      db.db
        .updateTable("client_details")
        .set({ gender: "x" as never })
        .where("account_id", "=", "acc-client-40"),
    );
    await expectRefused(
      db.db.insertInto("client_details").values({
        organisation_id: "org-00000040",
        account_id: "acc-client-40",
        age_band: null,
        gender: "female",
        updated_at: now,
      }),
    );
    // Gone with the account, and the questions with the organisation.
    await db.db.deleteFrom("accounts").where("id", "=", "acc-client-40").execute();
    expect(await db.db.selectFrom("client_details").selectAll().execute()).toEqual([]);
    await db.db.deleteFrom("organisations").where("id", "=", "org-00000040").execute();
    expect(await db.db.selectFrom("client_detail_questions").selectAll().execute()).toEqual([]);
  },
});
