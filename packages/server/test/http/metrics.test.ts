// SPDX-License-Identifier: AGPL-3.0-or-later
import net from "node:net";
import { describe, expect, it } from "vitest";
import { startTestServer } from "../helpers/server";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe("metrics", () => {
  it("need the bearer token on the public port and expose the documented series", async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer nope-nope-nope-nope" } })).status,
      ).toBe(401);
      await fetch(`${server.url}/healthz`);
      const res = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${server.ctx.secrets.metricsToken}` },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const name of [
        "obhut_http_request_duration_seconds_bucket",
        "obhut_websockets_open",
        "obhut_messages_stored_total",
        "obhut_messages_delivered_total",
        "obhut_db_query_duration_seconds_bucket",
        "obhut_job_runs_total",
        "obhut_process_resident_memory_bytes",
      ]) {
        expect(text, name).toContain(name);
      }
      expect(text).toMatch(
        /obhut_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/,
      );
      expect(text).toMatch(/obhut_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/);
    } finally {
      await server.stop();
    }
  });

  it("can be served on a separate internal address instead, without token", async () => {
    const port = await freePort();
    const server = await startTestServer({ env: { OBHUT_METRICS_LISTEN: `127.0.0.1:${port}` } });
    try {
      const internal = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(internal.status).toBe(200);
      expect(await internal.text()).toContain("obhut_http_request_duration_seconds");
      const pub = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${server.ctx.secrets.metricsToken}` },
      });
      expect(pub.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
