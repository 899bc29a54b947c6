// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, indexNames, now, seedOrganisation } from "./harness";

const request = {
  id: "aa-00000025",
  organisation_id: "org-00000025",
  case_id: "case-00000025",
  team_id: "team-00000025",
  conversation_id: "conv-00000025",
  requested_by: "acc-admin-0025",
  reason: "Team aufgelöst, Auskunftsersuchen der Klientin",
  requested_at: now,
  decision: null,
  decided_by: null,
  decided_at: null,
  expires_at: null,
};

describeMigration("0025-archive-access", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000025", name: "Träger Z", rootPublicKey: null });
  },
  assert: async (db) => {
    await db.db.insertInto("archive_access_requests").values(request).execute();
    // Pending: no decision, no expiry; approval sets all three.
    await db.db
      .updateTable("archive_access_requests")
      .set({ decision: "approved", decided_by: "acc-dpo-0025", decided_at: now + 1, expires_at: now + 3_600_001 })
      .where("id", "=", request.id)
      .execute();
    const row = await db.db.selectFrom("archive_access_requests").selectAll().executeTakeFirstOrThrow();
    expect(row.decision).toBe("approved");
    expect(Number(row.expires_at)).toBe(now + 3_600_001);
    expect(row.reason).toBe(request.reason);
    expect(await indexNames(db, "archive_access_requests")).toEqual(
      expect.arrayContaining(["archive_access_requests_conv_idx", "archive_access_requests_org_idx"]),
    );
    // One row per id, and only for an organisation that exists.
    await expectRefused(db.db.insertInto("archive_access_requests").values(request));
    await expectRefused(
      db.db
        .insertInto("archive_access_requests")
        .values({ ...request, id: "aa-0000025b", organisation_id: "org-none" }),
    );
  },
});
