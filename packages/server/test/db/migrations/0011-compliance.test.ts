// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedOrganisation } from "./harness";

describeMigration("0011-compliance", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000011", name: "Träger K", rootPublicKey: null });
  },
  assert: async (db) => {
    const doc = {
      organisation_id: "org-00000011",
      kind: "communication_guideline" as const,
      language: "de" as const,
      sha256: "0".repeat(64),
      text: "Leitfaden",
      created_by: "acc-00000011",
      created_at: now,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
      superseded_at: null,
    };
    // Several drafts (version NULL) may exist, but each published number only once.
    await db.db
      .insertInto("org_documents")
      .values([
        { ...doc, id: "doc-0000011a", state: "draft", version: null },
        { ...doc, id: "doc-0000011b", state: "draft", version: null },
        { ...doc, id: "doc-0000011c", state: "published", version: 1 },
      ])
      .execute();
    await expectRefused(
      db.db.insertInto("org_documents").values({ ...doc, id: "doc-0000011d", state: "published", version: 1 }),
    );
    await db.db
      .insertInto("document_acceptances")
      .values({
        id: "acc-doc-0000011",
        account_id: "acc-00000011",
        organisation_id: "org-00000011",
        document_id: "doc-0000011c",
        kind: "communication_guideline",
        language: "de",
        version: 1,
        sha256: "0".repeat(64),
        source: "staff_confirmed",
        accepted_at: now,
      })
      .execute();
    const grant = {
      organisation_id: "org-00000011",
      subject_type: "client" as const,
      subject_id: "acc-00000011",
      client_id: "acc-00000011",
      purpose: "referral",
      method: "written" as const,
      recorded_by: "acc-00000011",
      given_at: now,
      recorded_at: now,
      given_by: "subject",
      capacity: "adult",
      recipients: '["Jugendamt"]',
      channels: '["email"]',
      text_sha256: "1".repeat(64),
      language: "de",
      staff_present_id: null,
      expires_at: null,
    };
    await db.db
      .insertInto("consent_records")
      .values({ ...grant, id: "cons-0000011", kind: "grant", withdraws_id: null })
      .execute();
    const withdrawal = { ...grant, kind: "withdrawal" as const, withdraws_id: "cons-0000011" };
    await db.db
      .insertInto("consent_records")
      .values({ ...withdrawal, id: "cons-0000011w" })
      .execute();
    // One withdrawal per consent.
    await expectRefused(db.db.insertInto("consent_records").values({ ...withdrawal, id: "cons-0000011x" }));
    await db.db
      .insertInto("forwarding_decisions")
      .values({
        id: "fwd-0000011",
        organisation_id: "org-00000011",
        actor_id: "acc-00000011",
        subject_type: "case",
        subject_id: "case-0000011",
        purpose: "referral",
        recipient: "Jugendamt",
        channel: "email",
        outcome: "refused",
        consent_id: null,
        legal_basis: null,
        reason: null,
        decided_at: now,
      })
      .execute();
    expect(
      Number(
        (await db.db.selectFrom("forwarding_decisions").select("decided_at").executeTakeFirstOrThrow()).decided_at,
      ),
    ).toBe(now);
  },
});
