// SPDX-License-Identifier: AGPL-3.0-or-later
import { AcceptCase, OpenCase, SendMessage } from "@obhut/protocol";
import { expect, vi } from "vitest";
import { apiAs } from "../helpers/api";
import { rid } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import { fakeBytes, openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";

/**
 * The notice jobs of a test server (e-mail, push, digest — whichever names are given), and a wait until every
 * job due on the injected clock has been tried and none is running. Server and clock are read when called, so a
 * suite may start its server in `beforeAll`.
 */
export function noticeQueue(props: { server: () => TestServer; now: () => number; jobs: readonly string[] }) {
  const jobs = () =>
    props
      .server()
      .ctx.db.db.selectFrom("job_queue")
      .selectAll()
      .where("job", "in", [...props.jobs])
      .orderBy("created_at")
      .execute();
  type Rows = Awaited<ReturnType<typeof jobs>>;

  async function settled(): Promise<Rows> {
    props.server().ctx.jobs.wake();
    let rows: Rows = [];
    await vi.waitFor(
      async () => {
        rows = await jobs();
        const due = rows.filter((r) => Number(r.run_at) <= props.now());
        expect(due.every((r) => r.done_at !== null && r.locked_by === null)).toBe(true);
      },
      { timeout: 10_000, interval: 20 },
    );
    return rows;
  }
  return { jobs, settled };
}

/**
 * Two nodes on one PostgreSQL database and Redis (one data folder, so one secrets.json), both running the job
 * worker, with a client's case accepted by Ben on the second node: the set-up of the "exactly once across
 * nodes" notice tests.
 */
export async function twoNodesWithCase(env: Record<string, string>) {
  const a = await startTestServer({ dialect: "postgres", redis: true, env });
  const b = await startTestServer({
    dialect: "postgres",
    redis: true,
    env,
    dataDir: a.dataDir,
    databaseUrl: a.databaseUrl!,
  });
  const f: CounsellingFixture = await seedCounselling(a.ctx.db.db);
  const opened = await apiAs(a, f.client).call(OpenCase, {
    body: openCaseBody({ agencyId: f.agencyId, topicId: f.topicId }),
  });
  const { id: caseId, conversationId } = opened.body.case as { id: string; conversationId: string };
  expect((await apiAs(b, f.ben).call(AcceptCase, { params: { caseId } })).status).toBe(200);
  return {
    a,
    b,
    f,
    /** Ben answers on the second node; then both nodes look for the notice job at once. */
    async answer(): Promise<void> {
      const sent = await apiAs(b, f.ben).call(SendMessage, {
        params: { id: conversationId },
        body: { clientMsgId: rid("cm"), envelope: fakeBytes(40) },
      });
      expect(sent.status).toBe(201);
      a.ctx.jobs.wake();
      b.ctx.jobs.wake();
    },
    async stop(): Promise<void> {
      await b.close();
      await a.stop();
    },
  };
}
