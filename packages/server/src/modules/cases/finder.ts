// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AgencyView, TopicView } from "@obhut/protocol";
import type { Kysely } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { NotFoundError } from "../../core/errors";
import { staffNameForClients } from "../../core/names";
import { currentTeamGeneration } from "./store";
import {
  agenciesForTopic,
  agencyRow,
  counsellorOfAgency,
  intakeTeamsOfAgency,
  listTopicRows,
  topicsOfAgencies,
  type AgencyRow,
} from "./store-agencies";

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
  const rows = await listTopicRows(ctx.db.db);
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    slug: r.slug,
    name: r.name,
    addressForm: r.address_form,
  }));
}

/**
 * The team new enquiries of an agency go to: its intake team, only once that
 * team has a key (a client could not encrypt to it before).
 */
export async function intakeTeamOf(db: Kysely<Database>, agencyId: string): Promise<string | null> {
  for (const id of await intakeTeamsOfAgency(db, agencyId)) if ((await currentTeamGeneration(db, id)) > 0) return id;
  return null;
}

async function present(db: Kysely<Database>, rows: AgencyRow[]): Promise<AgencyView[]> {
  const ids = rows.map((r) => r.id);
  const topics = await topicsOfAgencies(db, ids);
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

/** Whether an agency's languages ("de", "ar-SY", …) include `language` (a primary subtag such as "ar"). */
export function speaksLanguage(languages: readonly string[], language: string): boolean {
  return languages.some((tag) => tag.toLowerCase().split("-")[0] === language);
}

export async function findAgencies(
  ctx: AppContext,
  query: { topicId: string; postcode?: string | undefined; online?: "1" | undefined; language?: string | undefined },
): Promise<AgencyView[]> {
  const db = ctx.db.db;
  const rows = await agenciesForTopic(db, { topicId: query.topicId, onlineOnly: Boolean(query.online) });
  // Prefix matching in code: the list of prefixes is JSON and short, and both dialects then behave the same.
  const byPlace = query.postcode ? rows.filter((r) => servesPostcode(parseList(r.postcodes), query.postcode!)) : rows;
  const matching = query.language
    ? byPlace.filter((r) => speaksLanguage(parseList(r.languages), query.language!))
    : byPlace;
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
  const row = await agencyRow(db, props.agencyId);
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
