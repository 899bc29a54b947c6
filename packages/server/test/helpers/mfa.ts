// SPDX-License-Identifier: AGPL-3.0-or-later
import { ConfirmTotp, EnrolTotp } from "@obhut/protocol";
import type { Kysely } from "kysely";
import { generate } from "otplib";
import { expect } from "vitest";
import type { Database } from "../../src/infra/db/schema";
import { waiveSecondFactor as waivePolicy } from "../../src/modules/organisation/organisation-policy";
import { api } from "./api";
import type { Send } from "./opaque-client";

/**
 * Tests that are not about the second factor switch the requirement off for
 * their organisation, exactly as an admin can with PUT …/policy (stored
 * policy rows are the production mechanism, not a test switch).
 */
export function waiveSecondFactor(db: Kysely<Database>, orgId: string, now = Date.now()): Promise<void> {
  return waivePolicy(db, orgId, now);
}

/** The RFC 6238 code an authenticator app would show at `nowMs` (computed independently of the server). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}

/** Enrols an authenticator app through the API and confirms it; returns the secret for later logins. */
export async function enrolAndConfirmTotp(send: Send, nowMs: number): Promise<string> {
  const client = api(send);
  const enrol = await client.call(EnrolTotp);
  expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
  const { secret } = enrol.body;
  const confirm = await client.call(ConfirmTotp, { body: { code: await totpCode(secret, nowMs) } });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return secret;
}
