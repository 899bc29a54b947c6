// SPDX-License-Identifier: AGPL-3.0-or-later
// The pure parts of `npm run bench:xmpp` (the run itself needs the Debian prosody/ejabberd packages and is
// not part of `npm test`).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { summarise } from "../../bench/stats";
import { bodyFor, messageStanza, numberOfBody } from "../../bench/xmpp/client";
import { renderTemplate } from "../../bench/xmpp/servers";
import { parseProcStat } from "../../bench/xmpp/workloads";

const XMPP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bench/xmpp");

describe("xmpp bench", () => {
  it("bodies carry the message number and have the requested size", () => {
    for (const size of [300, 1024]) {
      const body = bodyFor(123456, size);
      expect(Buffer.byteLength(body)).toBe(size);
      expect(numberOfBody(body)).toBe(123456);
    }
    expect(numberOfBody(bodyFor(0, 300))).toBe(0);
    expect(numberOfBody(null)).toBeUndefined();
    expect(numberOfBody("hello")).toBeUndefined();
    expect(numberOfBody("|x")).toBeUndefined();
    expect(numberOfBody("-1|x")).toBeUndefined();
    expect(messageStanza("b@localhost", "chat", "m7", bodyFor(7, 20))).toBe(
      '<message xmlns="jabber:client" to="b@localhost" type="chat" id="m7"><body>7|xxxxxxxxxxxxxxxxxx</body></message>',
    );
  });

  it("summarises latencies like the Obhut bench", () => {
    expect(summarise([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(summarise(values)).toEqual({ count: 100, p50: 51, p95: 96, p99: 100, max: 100 });
  });

  it("reads utime + stime from /proc/<pid>/stat, even with spaces and parentheses in the command name", () => {
    const rest = "S 1 2 3 4 5 6 7 8 9 10 250 150 0 0 20 0 1 0 100 2000 50";
    expect(parseProcStat(`4242 (beam.smp) ${rest}`)).toBe(4);
    expect(parseProcStat(`4242 (a (b) c) ${rest}`)).toBe(4);
  });

  it("fills every placeholder of both server configs and refuses unknown ones", () => {
    for (const file of ["prosody.cfg.lua", "ejabberd.yml"]) {
      const out = renderTemplate(fs.readFileSync(path.join(XMPP_DIR, file), "utf8"), { DIR: "/tmp/x", C2S_PORT: 5299 });
      expect(out).not.toMatch(/\{\{/);
      expect(out).toContain("5299");
      expect(out).toContain("127.0.0.1");
    }
    expect(() => renderTemplate("port {{PORT}}", { DIR: "/tmp" })).toThrow(/PORT/);
  });
});
