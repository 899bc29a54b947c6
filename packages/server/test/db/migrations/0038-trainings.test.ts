// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0038-trainings", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000038", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000038", org: "org-00000038", username: "anna", role: "counsellor" });
  },
  assert: async (db) => {
    const training = {
      id: "training-1",
      organisation_id: "org-00000038",
      title: "Datenschutz-Grundschulung",
      content: "DSGVO im Beratungsalltag",
      link: null,
      interval_months: 12,
      audience: "all" as const,
      created_by: null,
      created_at: now,
    };
    await db.db.insertInto("trainings").values(training).execute();
    // Only the known audiences; an interval is positive or null (once).
    await expect(
      db.db
        .insertInto("trainings")
        .values({ ...training, id: "training-2", audience: "clients" as never })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.db
        .insertInto("trainings")
        .values({ ...training, id: "training-3", interval_months: 0 })
        .execute(),
    ).rejects.toThrow();
    await db.db
      .insertInto("trainings")
      .values({ ...training, id: "training-4", interval_months: null })
      .execute();
    // Confirmations are a history: the same person may take part again.
    const confirmation = {
      organisation_id: "org-00000038",
      training_id: "training-1",
      account_id: "acc-00000038",
      confirmed_at: now,
    };
    await db.db
      .insertInto("training_confirmations")
      .values([
        { ...confirmation, id: "c-1", attended_on: "2026-01-10" },
        { ...confirmation, id: "c-2", attended_on: "2026-11-20" },
      ])
      .execute();
    // A reminder is claimed once per person and due period.
    const reminder = { training_id: "training-1", account_id: "acc-00000038", due_since: "2026-11-22", sent_at: now };
    await db.db.insertInto("training_reminders").values(reminder).execute();
    await expect(db.db.insertInto("training_reminders").values(reminder).execute()).rejects.toThrow();
    // A person's confirmations and reminders go with their account, the trainings with the organisation.
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000038").execute();
    expect(await db.db.selectFrom("training_confirmations").selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom("training_reminders").selectAll().execute()).toEqual([]);
    await db.db.deleteFrom("organisations").where("id", "=", "org-00000038").execute();
    expect(await db.db.selectFrom("trainings").selectAll().execute()).toEqual([]);
  },
});
