// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AgencyView, TopicView } from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { NotFoundError } from "../../core/errors";
import { staffNameForClients } from "../../core/names";
import { currentTeamGeneration } from "./store";

/**
 * The public agency finder (no login): topics, agencies per topic and place,
 * one agency for deep links. Only what an agency publishes anyway leaves the
 * server. The order of agencies is shuffled on every request so no agency
 * is always listed first (neutrality between providers).
 */

/** Fisher–Yates with crypto randomness (Math.random is not uniform enough to promise fairness). */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Postcode prefixes served: "10" serves 10000–10999, "12043" only itself. */
export function servesPostcode(prefixes: readonly string[], postcode: string): boolean {
  return prefixes.some((p) => p.length > 0 && postcode.startsWith(p));
}

export async function listTopics(ctx: AppContext): Promise<TopicView[]> {
  const rows = await ctx.db.db
    .selectFrom("topics as t")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .select(["t.id", "t.organisation_id", "o.name as organisation_name", "t.slug", "t.name", "t.address_form"])
    .orderBy("t.name")
    .orderBy("t.id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    slug: r.slug,
    name: r.name,
    addressForm: r.address_form,
  }));
}

type AgencyRow = Database["agencies"] & { organisation_name: string };

/**
 * The team new enquiries of an agency go to: its intake team, only once that
 * team has a key (a client could not encrypt to it before).
 */
export async function intakeTeamOf(db: Kysely<Database>, agencyId: string): Promise<string | null> {
  const teams = await db
    .selectFrom("teams")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("is_intake", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const t of teams) if ((await currentTeamGeneration(db, t.id)) > 0) return t.id;
  return null;
}

async function present(db: Kysely<Database>, rows: AgencyRow[]): Promise<AgencyView[]> {
  const ids = rows.map((r) => r.id);
  const topics = ids.length
    ? await db.selectFrom("agency_topics").select(["agency_id", "topic_id"]).where("agency_id", "in", ids).execute()
    : [];
  const views: AgencyView[] = [];
  for (const r of rows) {
    views.push({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      name: r.name,
      address: r.address,
      languages: parseList(r.languages),
      openingHours: r.opening_hours,
      onlineAnywhere: r.online_anywhere === 1,
      postcodes: parseList(r.postcodes),
      topicIds: topics
        .filter((t) => t.agency_id === r.id)
        .map((t) => t.topic_id)
        .sort(),
      intakeTeamId: await intakeTeamOf(db, r.id),
      greeting: r.greeting ?? null,
    });
  }
  return views;
}

function agencies(db: Kysely<Database>) {
  return db
    .selectFrom("agencies as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .selectAll("a")
    .select("o.name as organisation_name");
}

export async function findAgencies(
  ctx: AppContext,
  query: { topicId: string; postcode?: string | undefined; online?: "1" | undefined },
): Promise<AgencyView[]> {
  const db = ctx.db.db;
  let q = agencies(db).where("a.id", "in", (eb) =>
    eb.selectFrom("agency_topics").select("agency_id").where("topic_id", "=", query.topicId),
  );
  if (query.online) q = q.where("a.online_anywhere", "=", 1);
  const rows = (await q.limit(1000).execute()) as AgencyRow[];
  // Prefix matching in code: the list of prefixes is JSON and short, and both dialects then behave the same.
  const matching = query.postcode ? rows.filter((r) => servesPostcode(parseList(r.postcodes), query.postcode!)) : rows;
  return shuffle(await present(db, matching));
}

export async function getAgency(
  ctx: AppContext,
  props: { agencyId: string; counsellorId?: string | undefined },
): Promise<{
  agency: AgencyView;
  topics: TopicView[];
  counsellor: { id: string; displayName: string | null } | null;
}> {
  const db = ctx.db.db;
  const row = (await agencies(db).where("a.id", "=", props.agencyId).executeTakeFirst()) as AgencyRow | undefined;
  if (!row) throw new NotFoundError("No such agency");
  const [agency] = await present(db, [row]);
  const topics = (await listTopics(ctx)).filter((t) => agency!.topicIds.includes(t.id));
  let counsellor: { id: string; displayName: string | null } | null = null;
  if (props.counsellorId) {
    // Only staff of this agency's teams can be preselected; anything else is simply not shown.
    // Anyone can open a deep link: the counsellor appears as clients see them (never by login name).
    const c = await counsellorOfAgency(db, props.agencyId, props.counsellorId);
    if (c) counsellor = { id: c.id, displayName: staffNameForClients(c) };
  }
  return { agency: agency!, topics, counsellor };
}

export async function counsellorOfAgency(db: Kysely<Database>, agencyId: string, accountId: string) {
  return db
    .selectFrom("accounts as a")
    .innerJoin("team_members as tm", "tm.account_id", "a.id")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select(["a.id", "a.display_name"])
    .where("a.id", "=", accountId)
    .where("a.kind", "=", "staff")
    .where("a.disabled_at", "is", null)
    .where("t.agency_id", "=", agencyId)
    .executeTakeFirst();
}
