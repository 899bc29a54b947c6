// SPDX-License-Identifier: AGPL-3.0-or-later
import { GetMyAddressForm, SetMyAddressForm } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { seedAccount } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import { seedOrg } from "../admin/support";

/** The client's own form of address (issue #15, item 7): stored per account, for clients only. */
describe.each(DIALECTS)("a client's form of address (%s)", (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => server?.stop());

  it("starts as the agency chose (null), is chosen, kept and given back to the agency's choice", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    const other = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    const api = apiAs(server, client);
    expect((await api.call(GetMyAddressForm)).body).toEqual({ addressForm: null });
    const chosen = await api.call(SetMyAddressForm, { body: { addressForm: "informal" } });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toEqual({ addressForm: "informal" });
    expect((await api.call(GetMyAddressForm)).body).toEqual({ addressForm: "informal" });
    // Another client's choice is their own.
    expect((await apiAs(server, other).call(GetMyAddressForm)).body).toEqual({ addressForm: null });
    await api.call(SetMyAddressForm, { body: { addressForm: null } });
    expect((await api.call(GetMyAddressForm)).body).toEqual({ addressForm: null });
  });

  it("refuses other values with a stable code and keeps the choice", async () => {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client" });
    const api = apiAs(server, client);
    await api.call(SetMyAddressForm, { body: { addressForm: "formal" } });
    for (const body of [{ addressForm: "du" }, {}, { addressForm: "formal", extra: 1 }]) {
      const reply = await api.callRaw("PUT", "/api/account/address-form", body);
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe("invalid_body");
    }
    expect((await api.call(GetMyAddressForm)).body).toEqual({ addressForm: "formal" });
  });

  it("is for clients: staff pages always say 'Sie'; without a session nothing", async () => {
    const org = await seedOrg(server.ctx.db.db);
    const staff = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "counsellor" });
    expect((await apiAs(server, staff).call(GetMyAddressForm)).status).toBe(403);
    expect((await apiAs(server).call(GetMyAddressForm)).status).toBe(401);
  });
});
