// SPDX-License-Identifier: AGPL-3.0-or-later
import { CurrentSession, UpdateOrganisationPolicy } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedOrg, type SeededOrg } from "../admin/support";

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * What the staff app's idle warning reads (issue #16): the session's exact
 * idle end, its absolute end, the idle limit of the organisation's policy and
 * the server's clock, so the browser counts in durations.
 */
describe.each(DIALECTS)("the current session's times (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await seedOrg(server.ctx.db.db, clock.now());
  });
  afterAll(async () => server?.stop());

  it("tells the idle end, the absolute end and the organisation's idle limit; the idle end moves once a minute", async () => {
    const db = server.ctx.db.db;
    const loggedIn = clock.now();
    const staff = await seedAccount(db, { orgId: org.orgId, role: "counsellor", now: loggedIn });
    const read = async () => {
      const reply = await apiAs(server, staff).call(CurrentSession);
      expect(reply.status).toBe(200);
      return reply.body as {
        expiresAt: number;
        absoluteExpiresAt: number;
        idleMs: number;
        now: number;
        account: { id: string };
      };
    };

    // Default staff policy: 60 minutes idle, 10 hours absolute.
    const first = await read();
    expect(first).toMatchObject({
      account: { id: staff.id },
      idleMs: 60 * MIN,
      expiresAt: loggedIn + 60 * MIN,
      absoluteExpiresAt: loggedIn + 10 * HOUR,
      now: loggedIn,
    });

    // Within the touch interval the idle end stays where it is (not now + idle).
    clock.advance(30_000);
    expect((await read()).expiresAt).toBe(loggedIn + 60 * MIN);
    // Later, the request moves it.
    clock.advance(40_000);
    const moved = await read();
    expect(moved.expiresAt).toBe(clock.now() + 60 * MIN);
    expect(moved.now).toBe(clock.now());

    // The organisation's policy decides the idle limit, also for the open session.
    const admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const put = await apiAs(server, admin).call(UpdateOrganisationPolicy, {
      params: { orgId: org.orgId },
      body: { roles: [{ role: "counsellor", idleMinutes: 5, absoluteMinutes: 60, mfaRequired: true }] },
    });
    expect(put.status).toBe(200);
    clock.advance(2 * MIN);
    const strict = await read();
    expect(strict.idleMs).toBe(5 * MIN);
    expect(strict.absoluteExpiresAt).toBe(loggedIn + HOUR);
    expect(strict.expiresAt).toBe(clock.now() + 5 * MIN);

    // Busy every four minutes: close to the absolute end, that end comes first.
    while (clock.now() + 4 * MIN < loggedIn + HOUR - 3 * MIN) {
      clock.advance(4 * MIN);
      await read();
    }
    clock.set(loggedIn + HOUR - 3 * MIN);
    const late = await read();
    expect(late.expiresAt).toBe(loggedIn + HOUR);
    expect(late.absoluteExpiresAt).toBe(loggedIn + HOUR);

    clock.set(loggedIn + HOUR);
    const over = await apiAs(server, staff).call(CurrentSession);
    expect(over.status).toBe(401);
    expect(errorOf(over).code).toBe("session_expired");
  });
});
