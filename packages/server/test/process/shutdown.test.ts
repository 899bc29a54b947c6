// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { WS_CLOSE } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/databases";
import { login, registerAccount } from "../helpers/opaque-client";
import { spawnServer } from "../helpers/process";
import { fetchSend, openSocket } from "../helpers/net";

describe("graceful shutdown", () => {
  it("says goodbye to WebSockets, exits 0 and removes its pid file on SIGTERM", async () => {
    const dataDir = tempDir();
    const server = await spawnServer(["--data-dir", dataDir]);
    expect(fs.existsSync(path.join(dataDir, "obhut.pid"))).toBe(true);
    const send = fetchSend(server.url);
    expect((await registerAccount(send, "leaving-soon", "a long enough password")).status).toBe(201);
    const { cookie } = await login(send, "leaving-soon", "a long enough password");
    const socket = await openSocket(server.url, cookie!);
    server.child.kill("SIGTERM");
    expect(await socket.closed).toBe(WS_CLOSE.serverShutdown);
    expect(socket.messages).toContainEqual({ type: "going_away", reason: "shutdown" });
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "obhut.pid"))).toBe(false);
    expect(server.output()).toContain("stopped");
  });

  it("refuses to start a second server on the same SQLite folder", async () => {
    const dataDir = tempDir();
    const first = await spawnServer(["--data-dir", dataDir]);
    await expect(spawnServer(["--data-dir", dataDir], {}, 30_000)).rejects.toThrow(/already using/);
    await first.stop();
  });
});
