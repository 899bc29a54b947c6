// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { KeyBundle } from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { Database } from "../../src/infra/db/schema";
import { hashToken } from "../../src/modules/identity/session";
import { fakeKeyBundle } from "./opaque-client";

/**
 * Account factories shared by the integration tests. Accounts that only need
 * a session are written straight into the database (a session created that
 * way is fully authenticated; OPAQUE login is covered by its own tests and
 * would dominate the runtime). Accounts whose login itself is under test use
 * `registerStaff` in admin/support.ts.
 */
export const rid = (prefix: string): string => `${prefix}-${crypto.randomBytes(8).toString("hex")}`;

/** A key bundle as a staff browser sends it: with the recovery wrap. */
export function staffKeyBundle(seed = 1): KeyBundle {
  return { ...fakeKeyBundle(seed), masterWrapRecovery: Buffer.alloc(80, seed + 9).toString("base64url") };
}

export interface SeededAccount {
  id: string;
  username: string;
  organisationId: string | null;
  /** `obhut_session=…`, ready for a cookie header. */
  cookie: string;
  sessionId: string;
}

/** A fresh open session of an account, valid for ten hours from `now`. */
export async function seedSession(
  db: Kysely<Database>,
  accountId: string,
  now = Date.now(),
): Promise<{ cookie: string; sessionId: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const sessionId = crypto.randomBytes(12).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id: sessionId,
      account_id: accountId,
      token_hash: hashToken(token),
      created_at: now,
      last_seen_at: now,
      expires_at: now + 10 * 3600_000,
      revoked_at: null,
    })
    .execute();
  return { cookie: `obhut_session=${token}`, sessionId };
}

export interface SeedAccountProps {
  orgId: string | null;
  /** Defaults to "client" for the client role, else "staff". */
  kind?: "client" | "staff";
  /**
   * Defaults to "client" for client accounts. Staff without a role get the
   * placeholder role "staff", which holds no permission: enough for messaging,
   * nothing more.
   */
  role?: string;
  /** Adds the account to this team. */
  team?: { id: string; role: "member" | "lead" };
  now?: number;
}

/** An account of any kind and role with one open session. */
export async function seedAccount(db: Kysely<Database>, props: SeedAccountProps): Promise<SeededAccount> {
  const now = props.now ?? Date.now();
  const kind = props.kind ?? (props.role === "client" ? "client" : "staff");
  const role = props.role ?? (kind === "client" ? "client" : "staff");
  const id = rid("acc");
  const username = id;
  await db
    .insertInto("accounts")
    .values({
      id,
      organisation_id: props.orgId,
      username,
      kind,
      role,
      opaque_record: "unused",
      key_bundle: JSON.stringify(staffKeyBundle()),
      created_at: now,
      disabled_at: null,
    })
    .execute();
  if (props.team)
    await db
      .insertInto("team_members")
      .values({ team_id: props.team.id, account_id: id, role: props.team.role, added_at: now })
      .execute();
  return { id, username, organisationId: props.orgId, ...(await seedSession(db, id, now)) };
}

/** A team conversation of `members` in the organisation; the first is its owner, the others members. */
export async function seedTeamConversation(
  db: Kysely<Database>,
  orgId: string,
  members: readonly { id: string }[],
): Promise<string> {
  const id = rid("conv");
  const now = Date.now();
  await db
    .insertInto("conversations")
    .values({ id, organisation_id: orgId, kind: "team", created_by: members[0]!.id, created_at: now })
    .execute();
  await db
    .insertInto("conversation_members")
    .values(
      members.map((m, i) => ({
        conversation_id: id,
        account_id: m.id,
        role: i === 0 ? ("owner" as const) : ("member" as const),
        joined_at: now,
        left_at: null,
      })),
    )
    .execute();
  return id;
}
