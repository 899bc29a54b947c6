// SPDX-License-Identifier: AGPL-3.0-or-later
import { WS_CLOSE, WS_PATH } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { seedAccount } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedOrganisation } from "../messaging/support";

/**
 * The session cookie is SameSite=Strict, which stops other sites but not
 * other origins of the same site (another port, a sibling subdomain). The
 * upgrade is therefore accepted only from the PUBLIC_URL origin or the
 * operator's list; anything else is closed with 4403 before the session is
 * even looked up, and never sees a frame.
 */
const ALLOWED = "https://intranet.example.org";

interface Outcome {
  /** The first frame, if one arrived before the socket closed. */
  frames: unknown[];
  /** Close code, if the socket closed before any frame. */
  closed?: number;
}

/** Opens /ws and reports the first thing that happens: a frame, or the close. */
function firstEvent(url: string, cookie: string, origin: string | undefined): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + WS_PATH, {
      headers: { cookie },
      ...(origin === undefined ? {} : { origin }),
    });
    ws.on("error", reject);
    ws.on("open", () => ws.send(JSON.stringify({ type: "ping", id: "p1" })));
    ws.once("message", (data) => {
      ws.close();
      resolve({ frames: [JSON.parse(String(data))] });
    });
    ws.on("close", (code) => resolve({ frames: [], closed: code }));
  });
}

describe.each(DIALECTS)("WebSocket origin check (%s)", (dialect) => {
  let server: TestServer;
  let cookie: string;
  let port: number;
  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_ALLOWED_ORIGINS: ALLOWED } });
    const organisationId = await seedOrganisation(server.ctx.db.db);
    ({ cookie } = await seedAccount(server.ctx.db.db, { orgId: organisationId }));
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server.stop());

  it("refuses another origin of the same site (another port) with 4403 and no frame", async () => {
    const outcome = await firstEvent(server.url, cookie, `http://localhost:${port + 1}`);
    expect(outcome).toEqual({ frames: [], closed: WS_CLOSE.sessionRevoked });
  });

  it("refuses a foreign origin and the bound address that is not PUBLIC_URL", async () => {
    for (const origin of ["http://evil.example", `http://127.0.0.1:${port}`, "null"]) {
      expect(await firstEvent(server.url, cookie, origin)).toEqual({ frames: [], closed: 4403 });
    }
  });

  it.each([
    ["the PUBLIC_URL origin", () => new URL(server.ctx.config.publicUrl).origin],
    ["an origin on the operator's list", () => ALLOWED],
    ["no Origin header (not a browser: bench, CLI tools)", () => undefined],
  ])("accepts %s", async (_name, origin) => {
    const outcome = await firstEvent(server.url, cookie, origin());
    expect(outcome.closed).toBeUndefined();
    expect(outcome.frames).toEqual([expect.objectContaining({ type: "hello" })]);
  });
});
