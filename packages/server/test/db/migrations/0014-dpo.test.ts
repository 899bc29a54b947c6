// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0014-dpo", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000014", name: "Träger N", rootPublicKey: null });
  },
  assert: async (db) => {
    await db.db
      .insertInto("break_glass_grants")
      .values({
        id: "bg-00000014",
        organisation_id: "org-00000014",
        case_id: "case-00000014",
        team_id: "team-00000014",
        account_id: "acc-00000014",
        reason: "Vertretung während Urlaub",
        created_at: now,
        expires_at: now + 3_600_000,
      })
      .execute();
    const grant = await db.db.selectFrom("break_glass_grants").select("expires_at").executeTakeFirstOrThrow();
    expect(Number(grant.expires_at)).toBe(now + 3_600_000);
    const record = {
      id: "pr-00000014",
      organisation_id: "org-00000014",
      version: 1,
      content: "{}",
      sha256: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
      created_by: null,
      created_at: now,
    };
    await db.db.insertInto("processing_records").values(record).execute();
    // One row per organisation and version.
    await expectRefused(db.db.insertInto("processing_records").values({ ...record, id: "pr-0000014b" }));
  },
});
