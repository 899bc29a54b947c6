// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetAttentionCounts } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedDocument } from "../compliance/support";
import { seedOrg } from "./support";

/**
 * The console overview's counts that need server data (issue #16, ADR 0040): document drafts awaiting a second
 * person's approval, data-subject requests open after their due day, background jobs failed in the last 7 days —
 * each only what it says (other organisations, published documents, closed or not yet due requests, old or
 * successful jobs do not count). Administrators only. Both dialects.
 */
const DAY = 24 * 60 * 60 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(DIALECTS)("attention counts (%s)", (dialect) => {
  let server: TestServer;
  let orgId: string;
  let admin: SeededAccount;
  let counsellor: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const db = server.ctx.db.db;
    ({ orgId } = await seedOrg(db));
    const other = (await seedOrg(db)).orgId;
    admin = await seedAccount(db, { orgId, role: "org_admin" });
    counsellor = await seedAccount(db, { orgId, role: "counsellor" });

    await seedDocument(db, { orgId, state: "draft", authorId: admin.id });
    await seedDocument(db, { orgId, kind: "privacy_notice", state: "draft", authorId: admin.id });
    await seedDocument(db, { orgId, state: "published", authorId: admin.id });
    await seedDocument(db, { orgId: other, state: "draft" });

    const request = (org: string, status: "open" | "extended" | "done", dueOn: string) => ({
      id: rid("dsr"),
      organisation_id: org,
      type: "access" as const,
      subject_type: "reference" as const,
      subject_ref: "Brief 2026/3",
      received_on: day(-90),
      original_due_on: dueOn,
      due_on: dueOn,
      extension_months: 0,
      extension_reason: null,
      status,
      closed_reason: null,
      created_by: admin.id,
      created_at: Date.now(),
      closed_by: null,
      closed_at: null,
      reminded_due_soon_at: null,
      reminded_overdue_at: null,
    });
    await db
      .insertInto("dsr_requests")
      .values([
        request(orgId, "open", day(-10)),
        request(orgId, "extended", day(-1)),
        request(orgId, "open", day(5)),
        request(orgId, "done", day(-20)),
        request(other, "open", day(-10)),
      ])
      .execute();

    const run = (slot: string, status: "failed" | "succeeded", at: number) => ({
      job: "attention.test",
      slot,
      node_id: "n1",
      started_at: at,
      finished_at: at + 1000,
      status,
      result: null,
    });
    await db
      .insertInto("job_runs")
      .values([
        run("recent-failed", "failed", Date.now() - DAY),
        run("old-failed", "failed", Date.now() - 8 * DAY),
        run("recent-ok", "succeeded", Date.now() - DAY),
      ])
      .execute();
    const queued = (id: string, doneAt: number | null, lastError: string | null) => ({
      id,
      job: "attention.test",
      payload: "{}",
      run_at: Date.now() - 2 * DAY,
      attempts: 8,
      locked_by: null,
      locked_until: null,
      done_at: doneAt,
      last_error: lastError,
      created_at: Date.now() - 2 * DAY,
    });
    await db
      .insertInto("job_queue")
      .values([
        queued(rid("job"), Date.now() - DAY, "gave up after 8 attempts"),
        queued(rid("job"), Date.now() - DAY, null),
        queued(rid("job"), null, "will retry"),
      ])
      .execute();
  });
  afterAll(async () => server?.stop());

  it("counts drafts, overdue requests and failed jobs for an administrator", async () => {
    const res = await apiAs(server, admin).call(GetAttentionCounts, { params: { orgId } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      documentsAwaitingApproval: 2,
      overdueDataSubjectRequests: 2,
      failedJobs: 2,
      failedJobsDays: 7,
      processorReviewsDue: 0,
    });
  });

  it("answers no one else", async () => {
    expect((await apiAs(server, counsellor).call(GetAttentionCounts, { params: { orgId } })).status).toBe(403);
    const elsewhere = (await seedOrg(server.ctx.db.db)).orgId;
    expect((await apiAs(server, admin).call(GetAttentionCounts, { params: { orgId: elsewhere } })).status).toBe(404);
  });
});
