// SPDX-License-Identifier: AGPL-3.0-or-later
import { finishLogin, finishRegistration, startLogin, startRegistration } from "@obhut/crypto";
import { InvitationRegisterStart, LoginFinish, LoginStart, type RouteDef } from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { Database } from "../../src/infra/db/schema";
import { opaqueReady } from "../../src/infra/config/opaque";
import { rid, staffKeyBundle } from "../helpers/factories";
import { api, type ApiClient, type ApiReply, type CallArgs, fillPath, queryString } from "../helpers/api";
import type { Send } from "../helpers/opaque-client";
import { injectSend, type TestServer } from "../helpers/server";

/**
 * Factories for the admin, policy and second-factor tests. Accounts that
 * only need a session come from `seedAccount` in helpers/factories.ts;
 * accounts whose login itself is under test get a real OPAQUE record here
 * and log in through the API.
 */
export interface SeededOrg {
  orgId: string;
  teamId: string;
}

/** An organisation that has been set up (it has a root key), with one team. */
export async function seedOrg(db: Kysely<Database>, now = Date.now()): Promise<SeededOrg> {
  const orgId = rid("org");
  const teamId = rid("team");
  await db
    .insertInto("organisations")
    .values({ id: orgId, name: "Träger", root_public_key: Buffer.alloc(32, 5).toString("base64url"), created_at: now })
    .execute();
  await db
    .insertInto("teams")
    .values({ id: teamId, organisation_id: orgId, agency_id: null, name: "Team", is_intake: 0, created_at: now })
    .execute();
  return { orgId, teamId };
}

/** One more team in an organisation (no members). */
export async function seedTeam(db: Kysely<Database>, orgId: string, now = Date.now()): Promise<{ teamId: string }> {
  const teamId = rid("team");
  await db
    .insertInto("teams")
    .values({ id: teamId, organisation_id: orgId, agency_id: null, name: "Team", is_intake: 0, created_at: now })
    .execute();
  return { teamId };
}

/** A staff account with a real OPAQUE record (client and server halves in this process, as the demo does). */
export async function registerStaff(
  server: TestServer,
  props: { orgId: string | null; role: string; kind?: "client" | "staff" },
): Promise<{ id: string; username: string; password: string }> {
  const username = rid("u").toLowerCase();
  const password = `password ${rid("p")}`;
  const opaque = await opaqueReady();
  const reg = await startRegistration(password);
  const { registrationResponse } = opaque.createRegistrationResponse({
    serverSetup: server.ctx.secrets.opaqueServerSetup,
    userIdentifier: username,
    registrationRequest: reg.request,
  });
  const finished = await finishRegistration({ password, state: reg.state, response: registrationResponse });
  const id = rid("acc");
  await server.ctx.db.db
    .insertInto("accounts")
    .values({
      id,
      organisation_id: props.orgId,
      username,
      kind: props.kind ?? "staff",
      role: props.role,
      opaque_record: finished.record,
      key_bundle: JSON.stringify(staffKeyBundle()),
      created_at: server.ctx.clock.now(),
      disabled_at: null,
    })
    .execute();
  return { id, username, password };
}

/**
 * Logs in through the API (OPAQUE as the browser does) and returns a client that sends the new session cookie:
 * `api` is the typed client, `send` the same requests untyped.
 */
export async function loginClient(
  server: TestServer,
  username: string,
  password: string,
): Promise<{ send: Send; api: ApiClient; cookie: string }> {
  const jar: { cookie?: string } = {};
  const send = injectSend(server, { cookie: () => jar.cookie });
  const client = api(send);
  const start = await startLogin(password);
  const r1 = await client.call(LoginStart, { body: { username, startLoginRequest: start.request } });
  if (r1.status !== 200) throw new Error(`login start failed: ${r1.status}`);
  const { loginId, loginResponse } = r1.body;
  const done = await finishLogin({ password, state: start.state, response: loginResponse });
  const r2 = await client.call(LoginFinish, { body: { loginId, finishLoginRequest: done.finishRequest } });
  if (r2.status !== 200) throw new Error(`login failed: ${r2.status} ${JSON.stringify(r2.body)}`);
  const setCookie = r2.headers["set-cookie"];
  jar.cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(";")[0]!;
  return { send, api: client, cookie: jar.cookie };
}

export function sendAs(server: TestServer, cookie: string): Send {
  return injectSend(server, { cookie: () => cookie });
}

/** The browser's side of an invited sign-up: OPAQUE registration through the invitation routes. */
export async function prepareInvitedSignUp(
  client: ApiClient,
  token: string,
  username: string,
  password: string,
): Promise<{ registrationRecord: string; exportKey: Uint8Array }> {
  const reg = await startRegistration(password);
  const r1 = await client.call(InvitationRegisterStart, {
    body: { token, username, registrationRequest: reg.request },
  });
  if (r1.status !== 200) throw new Error(`register start failed: ${r1.status} ${JSON.stringify(r1.body)}`);
  const done = await finishRegistration({ password, state: reg.state, response: r1.body.registrationResponse });
  return { registrationRecord: done.record, exportKey: done.exportKey };
}

/** One row of a request table: runs its typed call with any client; `label` is `METHOD /path?query` for messages. */
export interface TableRequest {
  label: string;
  run(client: ApiClient): Promise<ApiReply<unknown>>;
}

export function request<R extends RouteDef>(route: R, ...args: CallArgs<R>): TableRequest {
  const input = args[0] as { params?: Record<string, unknown>; query?: Record<string, unknown> } | undefined;
  return {
    label: `${route.method} ${fillPath(route.path, input?.params)}${queryString(input?.query)}`,
    run: (client) => client.call(route, ...args),
  };
}
