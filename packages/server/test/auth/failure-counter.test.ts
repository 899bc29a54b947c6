// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countFailure } from "../../src/services/failure-counter";
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
    await Promise.all(Array.from({ length: 30 }, () => countFailure(server.ctx, "concurrent", 60_000)));
    expect(await count("concurrent")).toBe(30);
  });

  it("starts a new window once the old one has passed", async () => {
    await countFailure(server.ctx, "windowed", 60_000);
    await countFailure(server.ctx, "windowed", 60_000);
    clock.advance(60_000);
    await countFailure(server.ctx, "windowed", 60_000);
    expect(await count("windowed")).toBe(1);
  });
});
