// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0013-dsr", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000013", name: "Träger M", rootPublicKey: null });
  },
  assert: async (db) => {
    await db.db
      .insertInto("dsr_requests")
      .values({
        id: "dsr-00000013",
        organisation_id: "org-00000013",
        type: "access",
        subject_type: "reference",
        subject_ref: "Brief 13",
        received_on: "2026-01-31",
        original_due_on: "2026-02-28",
        due_on: "2026-02-28",
        extension_months: 0,
        extension_reason: null,
        status: "open",
        closed_reason: null,
        created_by: "acc-00000013",
        created_at: now,
        closed_by: null,
        closed_at: null,
        reminded_due_soon_at: null,
        reminded_overdue_at: null,
      })
      .execute();
    await db.db
      .insertInto("dsr_restrictions")
      .values({
        id: "rst-00000013",
        organisation_id: "org-00000013",
        subject_type: "case",
        subject_id: "case-00000013",
        reason: "Richtigkeit bestritten",
        request_id: "dsr-00000013",
        set_by: "acc-00000013",
        set_at: now,
        lifted_by: null,
        lifted_at: null,
      })
      .execute();
    const row = await db.db.selectFrom("dsr_requests").selectAll().executeTakeFirstOrThrow();
    expect(row.due_on).toBe("2026-02-28");
    expect(Number(row.created_at)).toBe(now);
    // The organisation must exist.
    await expectRefused(
      db.db.insertInto("dsr_restrictions").values({
        id: "rst-0000013b",
        organisation_id: "org-missing",
        subject_type: "case",
        subject_id: "c",
        reason: "r",
        request_id: null,
        set_by: "a",
        set_at: now,
        lifted_by: null,
        lifted_at: null,
      }),
    );
  },
});
