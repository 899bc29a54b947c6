// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countFailure, forgiveFailure } from "../../src/modules/identity/failure-counter";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

describe.each(DIALECTS)("failure counter (%s)", (dialect) => {
  let server: TestServer;
  const clock = manualClock();
  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
  });
  afterAll(() => server.stop());

  const count = async (key: string) =>
    (await server.ctx.db.db.selectFrom("auth_failures").selectAll().where("key", "=", key).executeTakeFirst())?.count;

  it("loses no increment under concurrent attempts", async () => {
    const seen = await Promise.all(Array.from({ length: 30 }, () => countFailure(server.ctx, "concurrent", 60_000)));
    expect(await count("concurrent")).toBe(30);
    // Each caller sees its own new count, so a limit decided on it can't be raced past.
    expect(seen.map((s) => s.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("starts a new window once the old one has passed", async () => {
    await countFailure(server.ctx, "windowed", 60_000);
    await countFailure(server.ctx, "windowed", 60_000);
    clock.advance(60_000);
    expect(await countFailure(server.ctx, "windowed", 60_000)).toEqual({ count: 1, windowStart: clock.now() });
    expect(await count("windowed")).toBe(1);
  });

  it("gives one attempt back, never below zero and without moving the window", async () => {
    const first = await countFailure(server.ctx, "forgiven", 60_000);
    await countFailure(server.ctx, "forgiven", 60_000);
    await forgiveFailure(server.ctx, "forgiven");
    expect(await count("forgiven")).toBe(1);
    await forgiveFailure(server.ctx, "forgiven");
    await forgiveFailure(server.ctx, "forgiven");
    expect(await count("forgiven")).toBe(0);
    clock.advance(1000);
    expect(await countFailure(server.ctx, "forgiven", 60_000)).toEqual({ count: 1, windowStart: first.windowStart });
    await forgiveFailure(server.ctx, "never-counted");
    expect(await count("never-counted")).toBeUndefined();
  });
});
