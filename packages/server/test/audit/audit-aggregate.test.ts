// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/core/audit";
import { AuditAggregator } from "../../src/core/audit-aggregate";
import { verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";
import { manualClock } from "../helpers/server";

const t0 = Date.UTC(2026, 10, 22, 9, 0, 10);
const minute = Date.UTC(2026, 10, 22, 9, 0, 0);

const denied = (target: string, data: AuditEvent["data"] = { action: "read" }): AuditEvent => ({
  organisationId: "org-aaaaaaaa",
  actorId: "acc-prober",
  action: "conversation.access_denied",
  target: { type: "conversation", id: target },
  data,
});

/** The aggregator on its own: first row now, one summary per kind and window, nothing ever updated. */
describe.each(DIALECTS)("repeated audit events (%s)", (dialect) => {
  let db: TestDb;
  afterEach(() => db?.destroy());
  const rows = () =>
    db.db
      .selectFrom("audit_events")
      .select(["seq", "target_id", "data", "created_at", "hash"])
      .orderBy("seq")
      .execute();

  it("writes the first event at once and the count of the rest when the window is over", async () => {
    db = await createTestDb(dialect);
    const clock = manualClock(t0);
    const errors: Error[] = [];
    const aggregator = new AuditAggregator(db.db, clock, (err) => errors.push(err));
    for (let i = 0; i < 50; i++) await aggregator.record(denied("conv-11111111"));
    await aggregator.record(denied("conv-11111111", { action: "send" }));
    expect((await rows()).map((r) => [r.seq, JSON.parse(r.data)])).toEqual([
      [1, { action: "read" }],
      [2, { action: "send" }],
    ]);
    const chained = await rows();

    clock.set(minute + 59_999);
    expect(await aggregator.flushDue()).toBe(0);
    clock.set(minute + 60_000);
    expect(await aggregator.flushDue()).toBe(1);
    const all = await rows();
    // Appended after the rows already chained, which stay exactly as they were.
    expect(all.slice(0, 2)).toEqual(chained);
    expect(all[2]).toMatchObject({ seq: 3, target_id: "conv-11111111", created_at: minute + 60_000 });
    expect(JSON.parse(all[2]!.data)).toEqual({
      action: "read",
      count: 49,
      windowStart: minute,
      windowEnd: minute + 60_000,
    });
    expect(await aggregator.flushDue()).toBe(0);
    // A new window starts with a first row again.
    await aggregator.record(denied("conv-11111111"));
    expect(await rows()).toHaveLength(4);
    expect(errors).toEqual([]);
    expect((await verifyAuditLog(db.db)).every((r) => r.ok)).toBe(true);
  });

  it("names no single target when the refusals differ, and writes open windows on close", async () => {
    db = await createTestDb(dialect);
    const clock = manualClock(t0);
    const aggregator = new AuditAggregator(db.db, clock, () => undefined);
    await aggregator.record(denied("conv-11111111"));
    await aggregator.record(denied("conv-22222222"));
    await aggregator.record(denied("conv-11111111"));
    await aggregator.close();
    const [first, summary] = await rows();
    expect(first!.target_id).toBe("conv-11111111");
    expect(summary!.target_id).toBeNull();
    expect(JSON.parse(summary!.data)).toMatchObject({ count: 2 });
    // After close nothing waits for a summary that would never come: each event is written.
    await aggregator.record(denied("conv-11111111"));
    await aggregator.record(denied("conv-11111111"));
    expect(await rows()).toHaveLength(4);
    expect((await verifyAuditLog(db.db)).every((r) => r.ok)).toBe(true);
  });

  it("folds refusals that arrive while the first row is being written", async () => {
    db = await createTestDb(dialect);
    const aggregator = new AuditAggregator(db.db, manualClock(t0), () => undefined);
    await Promise.all(Array.from({ length: 20 }, () => aggregator.record(denied("conv-11111111"))));
    expect(await rows()).toHaveLength(1);
    await aggregator.close();
    const all = await rows();
    expect(all).toHaveLength(2);
    expect(JSON.parse(all[1]!.data)).toMatchObject({ count: 19 });
  });
});
