// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { generateAnchorKey } from "../../src/infra/config/secrets";
import { recordAudit } from "../../src/core/audit";
import { anchorAuditChains, verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";

const t0 = Date.UTC(2026, 10, 22, 9);

async function seed(db: TestDb, n = 6): Promise<void> {
  for (let i = 0; i < n; i++) {
    await recordAudit(db.db, t0 + i, {
      organisationId: "org-aaaaaaaa",
      actorId: `acc-${i}`,
      action: "admin.user_invited",
      target: { type: "account", id: `target-${i}` },
      data: { role: "counsellor" },
    });
  }
  await recordAudit(db.db, t0, { organisationId: "org-bbbbbbbb", actorId: "acc-b", action: "auth.login" });
  await recordAudit(db.db, t0, { organisationId: null, actorId: null, action: "setup.completed" });
}

function kinds(reports: Awaited<ReturnType<typeof verifyAuditLog>>, chain = "org-aaaaaaaa"): string[] {
  return reports.find((r) => r.chain === chain)!.problems.map((p) => p.kind);
}

describe.each(DIALECTS)("tamper-evident audit log (%s)", (dialect) => {
  let db: TestDb;
  afterEach(() => db?.destroy());

  it("chains every organisation separately and verifies an untouched log", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    const reports = await verifyAuditLog(db.db);
    expect(reports.map((r) => [r.chain, r.entries, r.ok])).toEqual([
      ["instance", 1, true],
      ["org-aaaaaaaa", 6, true],
      ["org-bbbbbbbb", 1, true],
    ]);
  });

  it("detects a changed entry", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    await sql`update audit_events set data = '{"role":"org_admin"}' where chain = 'org-aaaaaaaa' and seq = 3`.execute(
      db.db,
    );
    expect(kinds(await verifyAuditLog(db.db))).toContain("changed");
  });

  it("detects a removed entry", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    await sql`delete from audit_events where chain = 'org-aaaaaaaa' and seq = 2`.execute(db.db);
    const k = kinds(await verifyAuditLog(db.db));
    expect(k).toContain("missing");
    expect(k).toContain("reordered");
  });

  it("detects reordered entries", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    // Swap the positions of entries 2 and 4 (both rows stay individually well-formed).
    await sql`update audit_events set seq = -1 where chain = 'org-aaaaaaaa' and seq = 2`.execute(db.db);
    await sql`update audit_events set seq = 2 where chain = 'org-aaaaaaaa' and seq = 4`.execute(db.db);
    await sql`update audit_events set seq = 4 where chain = 'org-aaaaaaaa' and seq = -1`.execute(db.db);
    const k = kinds(await verifyAuditLog(db.db));
    expect(k.length).toBeGreaterThan(0);
    expect(k).toEqual(expect.arrayContaining(["changed"]));
  });

  it("detects a cut-off tail through the signed anchor, even when the head row is rewound", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    const key = generateAnchorKey();
    expect(await anchorAuditChains(db.db, key, t0 + 100)).toBe(3);
    expect(await anchorAuditChains(db.db, key, t0 + 200)).toBe(0); // nothing moved
    const head5 = await db.db
      .selectFrom("audit_events")
      .select("hash")
      .where("chain", "=", "org-aaaaaaaa")
      .where("seq", "=", 5)
      .executeTakeFirstOrThrow();
    await sql`delete from audit_events where chain = 'org-aaaaaaaa' and seq = 6`.execute(db.db);
    await sql`update audit_heads set seq = 5, hash = ${head5.hash} where chain = 'org-aaaaaaaa'`.execute(db.db);
    const reports = await verifyAuditLog(db.db, { anchorPublicKey: key.x });
    expect(kinds(reports)).toEqual(["truncated"]);
    expect(reports.find((r) => r.chain === "org-bbbbbbbb")!.ok).toBe(true);
  });

  it("rejects a forged anchor", async () => {
    db = await createTestDb(dialect);
    await seed(db);
    const key = generateAnchorKey();
    await anchorAuditChains(db.db, key, t0);
    const other = generateAnchorKey();
    expect(kinds(await verifyAuditLog(db.db, { anchorPublicKey: other.x }))).toEqual(["anchor_invalid"]);
    await sql`update audit_anchors set signature = ${"A".repeat(86)}`.execute(db.db);
    expect(kinds(await verifyAuditLog(db.db))).toEqual(["anchor_invalid"]);
  });

  it("keeps one gap-free chain under concurrent appends", async () => {
    db = await createTestDb(dialect);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordAudit(db.db, t0 + i, { organisationId: "org-cccccccc", actorId: null, action: "x.concurrent" }),
      ),
    );
    const [report] = await verifyAuditLog(db.db, { chains: ["org-cccccccc"] });
    expect(report).toMatchObject({ entries: 25, headSeq: 25, ok: true });
  });

  it("contains no content fields and no IP addresses by construction", async () => {
    db = await createTestDb(dialect);
    await seed(db, 1);
    const row = await db.db.selectFrom("audit_events").selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual([
      "action",
      "actor_id",
      "chain",
      "created_at",
      "data",
      "hash",
      "id",
      "organisation_id",
      "prev_hash",
      "seq",
      "target_id",
      "target_type",
    ]);
  });
});
