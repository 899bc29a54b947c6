// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, vi } from "vitest";
import type { TestServer } from "../helpers/server";

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
