// SPDX-License-Identifier: AGPL-3.0-or-later
import { CreateAgency, ERROR_STATUS, GetAbsence, ListAgencies, SetAbsence } from "@obhut/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAccount } from "../helpers/factories";
import { seedOrg } from "../admin/support";
import { apiAs, type ApiClient } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";
import { FUZZ_SEED, hasForbidden, hostileText } from "./fuzz-support";

/**
 * Property: text with control characters (NUL, other C0), unpaired
 * surrogates or far too long reaches every kind of free-text field, on
 * SQLite and PostgreSQL alike. No answer is a 5xx; text a field must not
 * store is a 400 invalid_body on both dialects (PostgreSQL used to answer
 * NUL with a 500, SQLite stored it); and records stored before the run
 * read back unchanged.
 */
interface TextField {
  name: string;
  multiLine: boolean;
  /** The field strips white space (VT and FF included) at both ends before it checks. */
  trims?: true;
  as: "admin" | "dpo" | "writer";
  /** Fuzzed text goes out raw (callRaw): the point is what the server does with any string. */
  request(text: string, n: number): { method: string; path: string; body: unknown };
}

const agency = (field: "name" | "address" | "openingHours" | "greeting", text: string) => ({
  name: "Beratungsstelle",
  address: null,
  postcodes: ["10"],
  topicIds: [],
  languages: ["de"],
  openingHours: null,
  onlineAnywhere: false,
  greeting: null,
  [field]: text,
});

function fields(orgId: string): TextField[] {
  const org = `/api/organisations/${orgId}`;
  return [
    {
      name: "absence notice",
      multiLine: true,
      as: "writer",
      request: (message) => ({
        method: "PUT",
        path: "/api/account/absence",
        body: { active: true, message, until: null },
      }),
    },
    {
      name: "team name",
      multiLine: false,
      as: "admin",
      request: (name) => ({ method: "POST", path: `${org}/teams`, body: { name, agencyId: null, isIntake: false } }),
    },
    {
      name: "topic name",
      multiLine: false,
      as: "admin",
      request: (name, n) => ({
        method: "POST",
        path: `${org}/topics`,
        body: { slug: `topic-${n}`, name, addressForm: "formal" },
      }),
    },
    ...(["name", "address", "openingHours", "greeting"] as const).map((f) => ({
      name: `agency ${f}`,
      multiLine: f !== "name",
      as: "admin" as const,
      request: (text: string) => ({ method: "POST", path: `${org}/agencies`, body: agency(f, text) }),
    })),
    {
      name: "document text",
      trims: true,
      multiLine: true,
      as: "dpo",
      request: (text) => ({
        method: "POST",
        path: `${org}/documents`,
        body: { kind: "privacy_notice", language: "de", text },
      }),
    },
    {
      name: "data-subject request reference",
      trims: true,
      multiLine: false,
      as: "dpo",
      request: (reference) => ({
        method: "POST",
        path: `${org}/dsr-requests`,
        body: { type: "access", subject: { type: "reference", reference }, receivedOn: "2026-01-05" },
      }),
    },
    {
      name: "processing record contact",
      trims: true,
      multiLine: true,
      as: "dpo",
      request: (controllerContact) => ({
        method: "POST",
        path: `${org}/processing-record/versions`,
        body: { controllerContact, dpoContact: "dpo@example.org" },
      }),
    },
  ];
}

/** Stored before the junk arrives; every character here is allowed, several of them unusual. */
const KEEPER_NOTICE = "Bis 3.\u00a0Dezember weg.\r\nVertretung: Frau Öz\t😀 中文 e\u0301 \u200b\u007f";

describe.each(DIALECTS)("control characters in text fields (%s)", (dialect) => {
  let server: TestServer;
  let orgId: string;
  const as: Record<TextField["as"] | "keeper", ApiClient> = {} as never;
  let keeperAgency: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { OBHUT_RATE_LIMITS: "api=100000" } });
    const db = server.ctx.db.db;
    ({ orgId } = await seedOrg(db));
    for (const [who, role] of [
      ["admin", "org_admin"],
      ["dpo", "dpo"],
      ["writer", "counsellor"],
      ["keeper", "counsellor"],
    ] as const)
      as[who] = apiAs(server, await seedAccount(db, { orgId, role }));
    expect(
      (await as.keeper.call(SetAbsence, { body: { active: true, message: KEEPER_NOTICE, until: null } })).status,
    ).toBe(200);
    const created = await as.admin.call(CreateAgency, {
      params: { orgId },
      body: {
        ...agency("name", "Träger «Mitte» 😀"),
        address: "Hauptstraße 1\n10115 Berlin",
        openingHours: "Mo–Fr\t9–17 Uhr",
        greeting: "Hallo!\r\nSchreib uns.",
      },
    });
    expect(created.status).toBe(201);
    keeperAgency = created.body.agency;
  });
  afterAll(() => server?.stop());

  it("answers NUL in every kind of text field with 400 invalid_body", async () => {
    for (const field of fields(orgId)) {
      const { method, path, body } = field.request("Name\u0000Rest", 0);
      const res = await as[field.as].callRaw(method, path, body);
      expect(res.status, field.name).toBe(400);
      expect(res.body, field.name).toMatchObject({ error: { code: "invalid_body" } });
    }
  });

  it("never answers hostile text with a 5xx, refuses what a field must not store, and loses nothing stored", async () => {
    const all = fields(orgId);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), hostileText, async (field, text) => {
        n += 1;
        const { method, path, body } = field.request(text, n);
        const res = await as[field.as].callRaw(method, path, body);
        expect(res.status, `${field.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400)
          expect(Object.keys(ERROR_STATUS)).toContain((res.body as { error: { code: string } }).error.code);
        if (hasForbidden(field.trims ? text.trim() : text, field.multiLine)) {
          expect(res.status, field.name).toBe(400);
          expect(res.body, field.name).toMatchObject({ error: { code: "invalid_body" } });
        }
        if (field.name === "absence notice" && res.status === 200) {
          // What was accepted reads back exactly as sent.
          expect((await as.writer.call(GetAbsence)).body).toMatchObject({ message: text });
        }
      }),
      { numRuns: 150, seed: FUZZ_SEED },
    );
    expect((await as.keeper.call(GetAbsence)).body).toEqual({
      active: true,
      message: KEEPER_NOTICE,
      messageInformal: null,
      until: null,
    });
    const listed = (await as.admin.call(ListAgencies, { params: { orgId } })).body;
    expect(listed.agencies.find((a) => a.id === keeperAgency.id)).toEqual(keeperAgency);
  });
});
