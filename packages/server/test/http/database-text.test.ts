// SPDX-License-Identifier: AGPL-3.0-or-later
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createErrorHandler } from "../../src/app/http/errors";
import { createLogger } from "../../src/infra/logger";
import { createTestDb, type TestDb } from "../helpers/databases";

/**
 * Second line of defence behind the protocol's text types: when text that
 * PostgreSQL cannot store (NUL → SQLSTATE 22021, a character the database
 * encoding lacks → 22P05) still reaches it, the client gets a 400, not a 500.
 */
describe("text the database refuses (postgres)", () => {
  let db: TestDb;
  let app: FastifyInstance;
  const logged: string[] = [];
  beforeAll(async () => {
    db = await createTestDb("postgres", { migrate: false });
    app = Fastify();
    app.setErrorHandler(createErrorHandler(createLogger("info", { write: (l: string) => void logged.push(l) })));
    app.post<{ Body: { text: string } }>("/store", async (request) => {
      await sql`select ${request.body.text}::text as t`.execute(db.db);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const post = (text: string) =>
    app.inject({
      method: "POST",
      url: "/store",
      payload: JSON.stringify({ text }),
      headers: { "content-type": "application/json" },
    });

  it("answers NUL in text with 400 invalid_encoding", async () => {
    expect((await post("plain")).statusCode).toBe(200);
    const res = await post("secret\u0000name");
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "invalid_encoding" } });
    expect(logged.join("")).not.toContain("secret");
  });
});
