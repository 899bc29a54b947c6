// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { OfficeHours } from "@obhut/protocol";
import type { Database } from "../../infra/db/schema";
import { minutesOf, timeOf } from "./quiet-time";

type Db = Kysely<Database> | Transaction<Database>;

/** The switches people set for one kind on one channel (absent: the default applies). */
export async function rulesFor(
  db: Db,
  accountIds: readonly string[],
  kind: string,
  channel: string,
): Promise<Map<string, boolean>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("notification_rules")
    .select(["account_id", "enabled"])
    .where("account_id", "in", accountIds)
    .where("kind", "=", kind)
    .where("channel", "=", channel)
    .execute();
  return new Map(rows.map((r) => [r.account_id, Number(r.enabled) === 1]));
}

export async function listRules(
  db: Db,
  accountId: string,
): Promise<{ kind: string; channel: string; enabled: boolean }[]> {
  const rows = await db
    .selectFrom("notification_rules")
    .select(["kind", "channel", "enabled"])
    .where("account_id", "=", accountId)
    .execute();
  return rows.map((r) => ({ kind: r.kind, channel: r.channel, enabled: Number(r.enabled) === 1 }));
}

export async function storeRule(
  db: Db,
  row: { account_id: string; kind: string; channel: string; enabled: boolean; updated_at: number },
): Promise<void> {
  const enabled = row.enabled ? 1 : 0;
  await db
    .insertInto("notification_rules")
    .values({ ...row, enabled })
    .onConflict((oc) =>
      oc.columns(["account_id", "kind", "channel"]).doUpdateSet({ enabled, updated_at: row.updated_at }),
    )
    .execute();
}

export interface OrgNoticeRules {
  emailEnabled: boolean;
  pushEnabled: boolean;
  clientEmail: boolean;
  enquiryWaitHours: number | null;
  officeHours: OfficeHours | null;
}

/** The organisation's rules; an organisation that never set them has every channel on and no waiting limit. */
export async function orgNoticeRules(db: Db, orgId: string): Promise<OrgNoticeRules> {
  const row = await db
    .selectFrom("notification_settings")
    .select([
      "email_enabled",
      "push_enabled",
      "client_email",
      "enquiry_wait_hours",
      "office_days",
      "office_start_minute",
      "office_end_minute",
      "office_time_zone",
    ])
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  return {
    emailEnabled: row ? Number(row.email_enabled) === 1 : true,
    pushEnabled: row ? Number(row.push_enabled) === 1 : true,
    clientEmail: row ? Number(row.client_email) === 1 : true,
    enquiryWaitHours: row?.enquiry_wait_hours == null ? null : Number(row.enquiry_wait_hours),
    officeHours:
      row?.office_days == null || row.office_time_zone == null
        ? null
        : {
            days: row.office_days.split(",").map(Number),
            start: timeOf(Number(row.office_start_minute)),
            end: timeOf(Number(row.office_end_minute)),
            timeZone: row.office_time_zone,
          },
  };
}

export async function storeOrgNoticeRules(
  db: Db,
  orgId: string,
  senderName: string,
  rules: OrgNoticeRules,
  now: number,
): Promise<void> {
  const values = {
    sender_name: senderName,
    email_enabled: rules.emailEnabled ? 1 : 0,
    push_enabled: rules.pushEnabled ? 1 : 0,
    client_email: rules.clientEmail ? 1 : 0,
    enquiry_wait_hours: rules.enquiryWaitHours,
    office_days: rules.officeHours ? [...rules.officeHours.days].sort((a, b) => a - b).join(",") : null,
    office_start_minute: rules.officeHours ? minutesOf(rules.officeHours.start) : null,
    office_end_minute: rules.officeHours ? minutesOf(rules.officeHours.end) : null,
    office_time_zone: rules.officeHours?.timeZone ?? null,
    updated_at: now,
  };
  await db
    .insertInto("notification_settings")
    .values({ organisation_id: orgId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

/** The organisations a client has a case with (their notices come from these). */
export async function clientOrganisations(db: Db, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("cases")
    .select("organisation_id")
    .distinct()
    .where("client_id", "=", clientId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** Whether the account leads at least one team (a counsellor who leads is told what a team lead is told). */
export async function leadsAnyTeam(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("team_members")
    .select("team_id")
    .where("account_id", "=", accountId)
    .where("role", "=", "lead")
    .executeTakeFirst();
  return row !== undefined;
}
