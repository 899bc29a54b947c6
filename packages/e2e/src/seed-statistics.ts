// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Stack } from "./stack";

const rid = () => randomBytes(16).toString("base64url");
const MIN = 60_000;
const DAY = 86_400_000;

/** How many enquiries a month of the seeded year gets per topic of the demo (familie, jugend). */
export function seededEnquiries(month: number): { familie: number; jugend: number } {
  // July is quiet (3 in all: a small cell); Jugendberatung always has a small one.
  if (month === 7) return { familie: 2, jugend: 1 };
  return { familie: 6 + (month % 4), jugend: 2 };
}

/**
 * A year of counselling activity written straight into the SQLite database of a `serve --demo` stack, for the
 * statistics page (ADR 0045): the statistics read only metadata — case times, who sent each message and when —
 * so plain rows with random envelope bytes are what they would see in use. Every case has its own client
 * account (`stat-…`, a pseudonym the report must never show), a first message, an answer by demo-beraterin
 * after (i+1)·45 minutes, acceptance after (i+1)·20 minutes, and every other case is closed after i+2 days.
 */
export async function seedStatisticsYear(
  stack: Stack,
  year: number,
  /** Voluntary details (ADR 0050) a seeded client gave, by topic; none by default. */
  details?: (topic: "familie" | "jugend") => { ageBand: string | null; gender: string | null },
): Promise<{ pseudonyms: string[] }> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  db.pragma("busy_timeout = 5000");
  try {
    const me = db
      .prepare(
        `SELECT a.id, a.organisation_id, tm.team_id FROM accounts a JOIN team_members tm ON tm.account_id = a.id
         WHERE a.username = 'demo-beraterin'`,
      )
      .get() as { id: string; organisation_id: string; team_id: string };
    const agency = (db.prepare("SELECT id FROM agencies LIMIT 1").get() as { id: string }).id;
    const topic = (slug: string) => (db.prepare("SELECT id FROM topics WHERE slug = ?").get(slug) as { id: string }).id;
    const topics = { familie: topic("familie"), jugend: topic("jugend") };
    const account = db.prepare(
      `INSERT INTO accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at)
       VALUES (?, NULL, ?, 'client', 'client', '', '', ?)`,
    );
    const conversation = db.prepare(
      `INSERT INTO conversations (id, organisation_id, kind, created_by, created_at) VALUES (?, ?, 'case', ?, ?)`,
    );
    const kase = db.prepare(
      `INSERT INTO cases (id, organisation_id, conversation_id, agency_id, topic_id, team_id, client_id, assignee_id,
        state, created_at, accepted_at, closed_at, waiting_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const message = db.prepare(
      `INSERT INTO messages (conversation_id, seq, id, sender_id, client_msg_id, envelope, size, kind, replaces_id,
        created_at) VALUES (?, ?, ?, ?, ?, ?, 16, 'message', NULL, ?)`,
    );
    const detail = db.prepare(
      `INSERT INTO client_details (organisation_id, account_id, age_band, gender, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    const pseudonyms: string[] = [];
    db.transaction(() => {
      for (let month = 1; month <= 12; month++) {
        const counts = seededEnquiries(month);
        for (const [slug, count] of Object.entries(counts) as [keyof typeof topics, number][])
          for (let i = 0; i < count; i++) {
            const created = Date.UTC(year, month - 1, 3 + i * 2, 9 + (slug === "jugend" ? 1 : 0));
            const client = rid();
            const conv = rid();
            const username = `stat-${client.slice(0, 10)}`;
            pseudonyms.push(username);
            const closed = i % 2 === 0 ? created + (i + 2) * DAY : null;
            account.run(client, username, created);
            const given = details?.(slug);
            if (given) detail.run(me.organisation_id, client, given.ageBand, given.gender, created);
            conversation.run(conv, me.organisation_id, client, created);
            kase.run(
              rid(),
              me.organisation_id,
              conv,
              agency,
              topics[slug],
              me.team_id,
              client,
              me.id,
              closed ? "closed" : "active",
              created,
              created + (i + 1) * 20 * MIN,
              closed,
            );
            const times = [created, created + (i + 1) * 45 * MIN];
            for (let extra = 0; extra < i % 3; extra++) times.push(times[1]! + (extra + 1) * MIN);
            times.forEach((at, seq) =>
              message.run(conv, seq + 1, rid(), seq === 1 ? me.id : client, rid(), randomBytes(16), at),
            );
          }
      }
    })();
    return { pseudonyms };
  } finally {
    db.close();
  }
}
