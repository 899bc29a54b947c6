// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Stack } from "./stack";

/** What a seeded case is to demo-beraterin: a new enquiry, hers, a colleague's, or closed (a colleague's). */
export type SeededKind = "new" | "mine" | "colleague" | "closed";

export interface SeededCases {
  topics: string[];
  /** How many cases each query of the inbox matches in the database. */
  counts: { new: number; mine: number; team: number; teamActive: number; teamTopic0: number };
}

const rid = () => randomBytes(16).toString("base64url");

/**
 * Writes `count` cases of demo-beraterin's team straight into the SQLite database of a `serve --demo` stack
 * (the inbox bench and the paging browser test). The inbox list shows only server metadata — pseudonym,
 * state, topic, team, assignee, waiting time, unread count — and decrypts nothing, so plain rows are what it
 * would see in use; these cases have no messages or epochs and are not for opening. Case i was created i+1
 * minutes ago and (unless closed) waits since a little before that, so real enquiries made afterwards wait
 * the shortest time of all. Pseudonyms are `${prefix}-0000-…`; two or more topics alternate.
 */
export async function seedInboxCases(
  stack: Stack,
  props: { count: number; kind: (i: number) => SeededKind; prefix?: string },
): Promise<SeededCases> {
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
    const colleague = (db.prepare("SELECT id FROM accounts WHERE username = 'demo-berater'").get() as { id: string })
      .id;
    const agency = (db.prepare("SELECT id FROM agencies LIMIT 1").get() as { id: string }).id;
    const topics = (db.prepare("SELECT id FROM topics ORDER BY id").all() as { id: string }[]).map((t) => t.id);
    const now = Date.now();
    const account = db.prepare(
      `INSERT INTO accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at)
       VALUES (?, NULL, ?, 'client', 'client', '', '', ?)`,
    );
    const conversation = db.prepare(
      `INSERT INTO conversations (id, organisation_id, kind, created_by, created_at) VALUES (?, ?, 'case', ?, ?)`,
    );
    const member = db.prepare(
      `INSERT INTO conversation_members (conversation_id, account_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
    );
    const kase = db.prepare(
      `INSERT INTO cases (id, organisation_id, conversation_id, agency_id, topic_id, team_id, client_id, assignee_id,
        state, created_at, accepted_at, closed_at, waiting_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const counts = { new: 0, mine: 0, team: 0, teamActive: 0, teamTopic0: 0 };
    const prefix = props.prefix ?? "bench";
    db.transaction(() => {
      for (let i = 0; i < props.count; i++) {
        const client = rid();
        const conv = rid();
        const created = now - (i + 1) * 60_000;
        const topic = topics[i % topics.length]!;
        const kind = props.kind(i);
        const assignee = kind === "mine" ? me.id : kind === "colleague" || kind === "closed" ? colleague : null;
        const state = kind === "new" ? "new" : kind === "closed" ? "closed" : "active";
        account.run(client, `${prefix}-${String(i).padStart(4, "0")}-${client.slice(0, 6)}`, created);
        conversation.run(conv, me.organisation_id, client, created);
        member.run(conv, client, created);
        if (assignee) member.run(conv, assignee, created);
        kase.run(
          rid(),
          me.organisation_id,
          conv,
          agency,
          topic,
          me.team_id,
          client,
          assignee,
          state,
          created,
          assignee ? created : null,
          state === "closed" ? created + 1000 : null,
          state === "closed" ? null : created - (i % 37) * 1000,
        );
        if (kind === "new") counts.new++;
        if (kind === "mine") counts.mine++;
        // "team" without a state filter shows new, active and closed: all of the seeded ones.
        counts.team++;
        if (state === "active") counts.teamActive++;
        if (topic === topics[0]) counts.teamTopic0++;
      }
    })();
    return { topics, counts };
  } finally {
    db.close();
  }
}
