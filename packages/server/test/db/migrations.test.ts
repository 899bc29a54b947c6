// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateTo, migrateToLatest, migrationNames, migrationStatus } from "../../src/db/migrate";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases";

/**
 * Each migration gets its own test: migrate up to the one before it, seed
 * data in the old shape, migrate again, and check the data survived and the
 * new shape works. Runs on SQLite and PostgreSQL.
 */
const now = Date.UTC(2026, 10, 22);

const seeds: Record<string, { before(db: TestDb): Promise<void>; after(db: TestDb): Promise<void> }> = {
  "0001-foundation": {
    before: async () => undefined,
    after: async (db) => {
      await db.db
        .insertInto("organisations")
        .values({ id: "org-00000001", name: "Träger A", created_at: now } as never)
        .execute();
      await db.db
        .insertInto("accounts")
        .values({
          id: "acc-00000001",
          organisation_id: "org-00000001",
          username: "anna",
          kind: "staff",
          role: "org_admin",
          opaque_record: "r",
          key_bundle: "{}",
          created_at: now,
          disabled_at: null,
        })
        .execute();
      await db.db
        .insertInto("blobs")
        .values({ id: "blob-0000001", chunk: 0, data: new Uint8Array([0, 1, 255]), created_at: now })
        .execute();
      const blob = await db.db.selectFrom("blobs").select("data").executeTakeFirstOrThrow();
      expect([...blob.data]).toEqual([0, 1, 255]);
      const inserted = await db.db
        .insertInto("audit_events")
        .values({
          organisation_id: null,
          actor_id: null,
          action: "x",
          target_type: null,
          target_id: null,
          data: "{}",
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(typeof inserted.id).toBe("number");
    },
  },
  "0002-auth": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at) values ('org-00000002', 'Träger B', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      const org = await db.db
        .selectFrom("organisations")
        .selectAll()
        .where("id", "=", "org-00000002")
        .executeTakeFirstOrThrow();
      expect(org).toMatchObject({ name: "Träger B", root_public_key: null, created_at: now });
      await db.db
        .insertInto("login_states")
        .values({ id: "ls-00000001", account_id: null, username_key: "k", server_login_state: "s", expires_at: now })
        .execute();
      await db.db.insertInto("auth_failures").values({ key: "k", window_start: now, count: 1 }).execute();
    },
  },
  "0003-organisation-structure": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000003', 'Träger C', ${now}, 'pk')`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("agencies")
        .values({
          id: "ag-00000001",
          organisation_id: "org-00000003",
          name: "Stelle",
          address: null,
          postcodes: "[]",
          languages: "[]",
          opening_hours: null,
          online_anywhere: 0,
          created_at: now,
        })
        .execute();
      await db.db
        .insertInto("topics")
        .values({
          id: "tp-00000001",
          organisation_id: "org-00000003",
          slug: "jugend",
          name: "Jugend",
          address_form: "informal",
          created_at: now,
        })
        .execute();
      await expect(
        db.db
          .insertInto("topics")
          .values({
            id: "tp-00000002",
            organisation_id: "org-00000003",
            slug: "jugend",
            name: "Doppelt",
            address_form: "formal",
            created_at: now,
          })
          .execute(),
      ).rejects.toThrow();
      const topic = await db.db.selectFrom("topics").selectAll().executeTakeFirstOrThrow();
      expect(topic.address_form).toBe("informal");
    },
  },
  "0004-keys": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000004', 'Träger D', ${now}, 'pk')`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000004', 'org-00000004', 'dora', 'staff', 'org_admin', 'r', '{}', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("org_log_entries")
        .values({ organisation_id: "org-00000004", seq: 0, hash: "h0", entry: "e0", created_at: now })
        .execute();
      // The primary key (organisation, seq) is what lets only one of two concurrent appends win.
      await expect(
        db.db
          .insertInto("org_log_entries")
          .values({ organisation_id: "org-00000004", seq: 0, hash: "h1", entry: "e1", created_at: now })
          .execute(),
      ).rejects.toThrow();
      const wrap = {
        organisation_id: "org-00000004",
        recipient_account_id: "acc-00000004",
        kind: "org-root" as const,
        ref_id: "org-00000004",
        generation: 1,
        blob: "b",
        slot: "org-root|org-00000004|1|acc-00000004",
        created_by: "acc-00000004",
        created_at: now,
      };
      await db.db
        .insertInto("key_wraps")
        .values({ id: "kw-00000001", ...wrap })
        .execute();
      await expect(
        db.db
          .insertInto("key_wraps")
          .values({ id: "kw-00000002", ...wrap })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("recovery_states")
        .values({ id: "rs-00000001", account_id: null, username_key: "k", challenge: "c", expires_at: now })
        .execute();
      await db.db
        .insertInto("account_resets")
        .values({
          id: "ar-00000001",
          organisation_id: "org-00000004",
          account_id: "acc-00000004",
          token_hash: "t",
          created_by: "acc-00000004",
          created_at: now,
          expires_at: now,
          used_at: null,
        })
        .execute();
      const entry = await db.db.selectFrom("org_log_entries").selectAll().executeTakeFirstOrThrow();
      expect(Number(entry.seq)).toBe(0);
      expect(
        await db.db
          .selectFrom("accounts")
          .select("username")
          .where("id", "=", "acc-00000004")
          .executeTakeFirstOrThrow(),
      ).toEqual({ username: "dora" });
    },
  },
  "0005-messaging": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at) values ('org-00000005', 'Träger E', ${now})`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000005', 'org-00000005', 'eva', 'staff', 'staff', 'r', '{}', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("conversations")
        .values({
          id: "cv-00000001",
          organisation_id: "org-00000005",
          kind: "team",
          created_by: "acc-00000005",
          created_at: now,
        })
        .execute();
      await db.db
        .insertInto("conversation_members")
        .values({
          conversation_id: "cv-00000001",
          account_id: "acc-00000005",
          role: "owner",
          joined_at: now,
          left_at: null,
        })
        .execute();
      const msg = {
        conversation_id: "cv-00000001",
        sender_id: "acc-00000005",
        envelope: new Uint8Array([1, 2, 3]),
        size: 3,
        kind: "message" as const,
        replaces_id: null,
        created_at: now,
      };
      await db.db
        .insertInto("messages")
        .values({ ...msg, seq: 1, id: "msg-0000001", client_msg_id: "c1" })
        .execute();
      // Gap-free order and idempotency are enforced by the schema, not only by the service.
      await expect(
        db.db
          .insertInto("messages")
          .values({ ...msg, seq: 1, id: "msg-0000002", client_msg_id: "c2" })
          .execute(),
      ).rejects.toThrow();
      await expect(
        db.db
          .insertInto("messages")
          .values({ ...msg, seq: 2, id: "msg-0000003", client_msg_id: "c1" })
          .execute(),
      ).rejects.toThrow();
      const conv = await db.db.selectFrom("conversations").selectAll().executeTakeFirstOrThrow();
      expect(conv.next_seq).toBe(1);
      const member = await db.db.selectFrom("conversation_members").selectAll().executeTakeFirstOrThrow();
      expect(member).toMatchObject({ read_seq: 0, delivered_seq: 0 });
      await db.db
        .insertInto("conversation_epochs")
        .values({
          conversation_id: "cv-00000001",
          epoch: 1,
          record: new Uint8Array([9]),
          created_by: "acc-00000005",
          created_at: now,
        })
        .execute();
      await db.db
        .insertInto("epoch_key_wraps")
        .values({
          conversation_id: "cv-00000001",
          epoch: 1,
          recipient_account_id: "acc-00000005",
          wrap: new Uint8Array([7]),
          created_at: now,
        })
        .execute();
      await expect(
        db.db
          .insertInto("epoch_key_wraps")
          .values({
            conversation_id: "cv-00000001",
            epoch: 2,
            recipient_account_id: "acc-00000005",
            wrap: new Uint8Array([7]),
            created_at: now,
          })
          .execute(),
      ).rejects.toThrow();
      const stored = await db.db.selectFrom("messages").select("envelope").executeTakeFirstOrThrow();
      expect([...stored.envelope]).toEqual([1, 2, 3]);
    },
  },
  "0006-audit-chain": {
    before: async (db) => {
      for (const action of ["a.one", "a.two"]) {
        await sql`insert into audit_events (organisation_id, actor_id, action, target_type, target_id, data, created_at) values (null, null, ${action}, null, null, '{}', ${now})`.execute(
          db.db,
        );
      }
    },
    after: async (db) => {
      const rows = await db.db.selectFrom("audit_events").selectAll().orderBy("id").execute();
      expect(rows.map((r) => [r.chain, Number(r.seq)])).toEqual([
        ["instance", 1],
        ["instance", 2],
      ]);
      // The backfilled chain links each row to the previous one by the hash rule of that
      // time (today's verifier also reads tables of later migrations, so check the links here).
      const { auditHash, GENESIS_HASH } = await import("../../src/services/audit-chain");
      let prevHash = GENESIS_HASH;
      for (const r of rows) {
        expect(r.prev_hash).toBe(prevHash);
        const fields = {
          chain: String(r.chain),
          seq: Number(r.seq),
          prevHash: String(r.prev_hash),
          actorId: r.actor_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          data: r.data,
          createdAt: Number(r.created_at),
        };
        expect(r.hash).toBe(auditHash(fields));
        prevHash = String(r.hash);
      }
    },
  },
  "0007-staff-and-sessions": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000007', 'Träger G', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000007', 'org-00000007', 'gabi', 'staff', 'counsellor', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at) values ('ses-00000007', 'acc-00000007', 'h7', ${now}, ${now}, ${now + 1000})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      // Sessions opened before the rule existed stay fully authenticated.
      const session = await db.db
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", "ses-00000007")
        .executeTakeFirstOrThrow();
      expect(session.mfa_pending).toBe(0);
      await db.db
        .insertInto("invitations")
        .values({
          id: "inv-00000007",
          organisation_id: "org-00000007",
          role: "counsellor",
          team_id: null,
          token_hash: "th7",
          created_by: null,
          created_at: now,
          expires_at: now + 1,
          used_at: null,
          used_by: null,
          revoked_at: null,
        })
        .execute();
      await expect(
        db.db
          .insertInto("invitations")
          .values({
            id: "inv-00000008",
            organisation_id: "org-00000007",
            role: "dpo",
            team_id: null,
            token_hash: "th7",
            created_by: null,
            created_at: now,
            expires_at: now + 1,
            used_at: null,
            used_by: null,
            revoked_at: null,
          })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("organisation_policies")
        .values({
          organisation_id: "org-00000007",
          role: "counsellor",
          idle_ms: 1,
          absolute_ms: 2,
          mfa_required: 1,
          updated_by: null,
          updated_at: now,
        })
        .execute();
      await db.db
        .insertInto("mfa_totp")
        .values({
          account_id: "acc-00000007",
          secret_enc: "x",
          confirmed_at: null,
          last_time_step: 59_000_000_000,
          created_at: now,
        })
        .execute();
      await db.db
        .insertInto("webauthn_credentials")
        .values({
          id: "cred-0000007",
          account_id: "acc-00000007",
          public_key: "pk",
          counter: 0,
          transports: "[]",
          created_at: now,
          last_used_at: null,
        })
        .execute();
      await db.db
        .insertInto("mfa_challenges")
        .values({
          id: "ch-00000007",
          session_id: "ses-00000007",
          kind: "webauthn-register",
          challenge: "c",
          expires_at: now,
        })
        .execute();
      const totp = await db.db.selectFrom("mfa_totp").select("last_time_step").executeTakeFirstOrThrow();
      expect(totp.last_time_step).toBe(59_000_000_000);
    },
  },
  "0008-attachments": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000008', 'Träger H', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000008', 'org-00000008', 'hanna', 'staff', 'counsellor', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into conversations (id, organisation_id, kind, created_by, created_at) values ('cv-00000008', 'org-00000008', 'team', 'acc-00000008', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("attachments")
        .values({
          id: "att-0000008",
          conversation_id: "cv-00000008",
          uploader_id: "acc-00000008",
          size: 3 * 1024 * 1024 * 1024,
          chunk_size: 1024 * 1024,
          chunk_count: 3072,
          created_at: now,
          completed_at: null,
        })
        .execute();
      await db.db
        .insertInto("attachment_chunks")
        .values({ attachment_id: "att-0000008", idx: 0, size: 1024 * 1024, created_at: now })
        .execute();
      // One row per chunk index.
      await expect(
        db.db
          .insertInto("attachment_chunks")
          .values({ attachment_id: "att-0000008", idx: 0, size: 1, created_at: now })
          .execute(),
      ).rejects.toThrow();
      const row = await db.db.selectFrom("attachments").selectAll().executeTakeFirstOrThrow();
      expect(row.size).toBe(3 * 1024 * 1024 * 1024);
      // Deleting an upload takes its chunk rows with it.
      await db.db.deleteFrom("attachments").where("id", "=", "att-0000008").execute();
      expect(await db.db.selectFrom("attachment_chunks").selectAll().execute()).toEqual([]);
    },
  },
  "0009-counselling": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000009', 'Träger I', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000009', 'org-00000009', 'ida', 'staff', 'counsellor', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-0000009c', null, 'fuchs', 'client', 'client', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into agencies (id, organisation_id, name, created_at) values ('agy-00000009', 'org-00000009', 'Stelle', ${now})`.execute(
        db.db,
      );
      await sql`insert into topics (id, organisation_id, slug, name, created_at) values ('top-00000009', 'org-00000009', 'familie', 'Familie', ${now})`.execute(
        db.db,
      );
      await sql`insert into teams (id, organisation_id, agency_id, name, is_intake, created_at) values ('team-0000009', 'org-00000009', 'agy-00000009', 'Team', 1, ${now})`.execute(
        db.db,
      );
      await sql`insert into conversations (id, organisation_id, kind, created_by, created_at) values ('cv-00000009', 'org-00000009', 'case', 'acc-0000009c', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      // Existing rows get the new nullable columns.
      const agency = await db.db.selectFrom("agencies").select("greeting").executeTakeFirstOrThrow();
      expect(agency.greeting).toBeNull();
      const account = await db.db
        .selectFrom("accounts")
        .select("display_name")
        .where("id", "=", "acc-00000009")
        .executeTakeFirstOrThrow();
      expect(account.display_name).toBeNull();
      await db.db
        .insertInto("cases")
        .values({
          id: "case-0000009",
          organisation_id: "org-00000009",
          conversation_id: "cv-00000009",
          notes_conversation_id: null,
          agency_id: "agy-00000009",
          topic_id: "top-00000009",
          team_id: "team-0000009",
          client_id: "acc-0000009c",
          assignee_id: null,
          preferred_counsellor_id: "acc-00000009",
          state: "new",
          created_at: now,
          accepted_at: null,
          closed_at: null,
          archived_at: null,
          waiting_since: now,
          greeting_sent_at: null,
        })
        .execute();
      // One case per conversation.
      await expect(
        db.db
          .insertInto("cases")
          .values({
            id: "case-000009b",
            organisation_id: "org-00000009",
            conversation_id: "cv-00000009",
            notes_conversation_id: null,
            agency_id: "agy-00000009",
            topic_id: "top-00000009",
            team_id: "team-0000009",
            client_id: "acc-0000009c",
            assignee_id: null,
            preferred_counsellor_id: null,
            state: "new",
            created_at: now,
            accepted_at: null,
            closed_at: null,
            archived_at: null,
            waiting_since: null,
            greeting_sent_at: null,
          })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("case_events")
        .values({
          id: "ev-00000009",
          case_id: "case-0000009",
          type: "greeting",
          actor_id: null,
          assignee_id: null,
          team_id: "team-0000009",
          text: "Willkommen",
          created_at: now,
        })
        .execute();
      await db.db
        .insertInto("conversation_epochs")
        .values({
          conversation_id: "cv-00000009",
          epoch: 1,
          record: new Uint8Array([1]),
          created_by: "acc-0000009c",
          created_at: now,
        })
        .execute();
      const wrap = {
        conversation_id: "cv-00000009",
        epoch: 1,
        generation: 3,
        wrap: new Uint8Array([2, 255]),
        created_at: now,
      };
      await db.db
        .insertInto("epoch_team_wraps")
        .values({ ...wrap, role: "team", ref_id: "team-0000009" })
        .execute();
      await db.db
        .insertInto("epoch_team_wraps")
        .values({ ...wrap, role: "archive", ref_id: "org-00000009" })
        .execute();
      await expect(
        db.db
          .insertInto("epoch_team_wraps")
          .values({ ...wrap, role: "team", ref_id: "team-0000009" })
          .execute(),
      ).rejects.toThrow();
      const wraps = await db.db.selectFrom("epoch_team_wraps").select(["role", "wrap"]).orderBy("role").execute();
      expect(wraps.map((w) => [w.role, [...w.wrap]])).toEqual([
        ["archive", [2, 255]],
        ["team", [2, 255]],
      ]);
      await db.db
        .insertInto("absences")
        .values({
          account_id: "acc-00000009",
          active: 1,
          message: "Bis Montag",
          until: null,
          since: now,
          updated_at: now,
        })
        .execute();
      // Deleting the case takes its timeline with it.
      await db.db.deleteFrom("cases").where("id", "=", "case-0000009").execute();
      expect(await db.db.selectFrom("case_events").selectAll().execute()).toEqual([]);
    },
  },
  "0010-retention": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000010', 'Träger J', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-0000010a', null, 'igel', 'client', 'client', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-0000010b', null, 'otter', 'client', 'client', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at) values ('ses-0000010', 'acc-0000010a', 'h', ${now + 5000}, ${now + 6000}, ${now + 9000})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      // Last login: the newest session where there is one, else the account's creation.
      const accounts = await db.db
        .selectFrom("accounts")
        .select(["id", "last_login_at"])
        .where("id", "in", ["acc-0000010a", "acc-0000010b"])
        .orderBy("id")
        .execute();
      expect(accounts.map((a) => [a.id, Number(a.last_login_at)])).toEqual([
        ["acc-0000010a", now + 5000],
        ["acc-0000010b", now],
      ]);
      await db.db
        .insertInto("retention_rules")
        .values({
          scope: "org-00000010",
          data_class: "closed_cases",
          period_days: 730,
          updated_by: null,
          updated_at: now,
        })
        .execute();
      await expect(
        db.db
          .insertInto("retention_rules")
          .values({
            scope: "org-00000010",
            data_class: "closed_cases",
            period_days: 1,
            updated_by: null,
            updated_at: now,
          })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("legal_holds")
        .values({
          id: "hold-0000010",
          organisation_id: "org-00000010",
          case_id: "case-not-yet-there",
          reason: "Anfrage Jugendamt, Az. 1/26",
          set_by: null,
          set_at: now,
          released_by: null,
          released_at: null,
        })
        .execute();
      await db.db.insertInto("pending_blob_deletions").values({ blob_id: "att-0000010", created_at: now }).execute();
      await db.db
        .insertInto("audit_prunes")
        .values({ chain: "org-00000010", seq: 5, hash: "h", signature: "s", public_key: "k", created_at: now })
        .execute();
      const prune = await db.db.selectFrom("audit_prunes").selectAll().executeTakeFirstOrThrow();
      expect(Number(prune.seq)).toBe(5);
    },
  },
  "0011-compliance": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000011', 'Träger K', ${now}, null)`.execute(
        db.db,
      );
    },
    after: async (db) => {
      const doc = {
        organisation_id: "org-00000011",
        kind: "communication_guideline" as const,
        language: "de" as const,
        sha256: "0".repeat(64),
        text: "Leitfaden",
        created_by: "acc-00000011",
        created_at: now,
        approved_by: null,
        approved_at: null,
        published_by: null,
        published_at: null,
        superseded_at: null,
      };
      // Several drafts (version NULL) may exist, but each published number only once.
      await db.db
        .insertInto("org_documents")
        .values([
          { ...doc, id: "doc-0000011a", state: "draft", version: null },
          { ...doc, id: "doc-0000011b", state: "draft", version: null },
          { ...doc, id: "doc-0000011c", state: "published", version: 1 },
        ])
        .execute();
      await expect(
        db.db
          .insertInto("org_documents")
          .values({ ...doc, id: "doc-0000011d", state: "published", version: 1 })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("document_acceptances")
        .values({
          id: "acc-doc-0000011",
          account_id: "acc-00000011",
          organisation_id: "org-00000011",
          document_id: "doc-0000011c",
          kind: "communication_guideline",
          language: "de",
          version: 1,
          sha256: "0".repeat(64),
          source: "staff_confirmed",
          accepted_at: now,
        })
        .execute();
      const grant = {
        organisation_id: "org-00000011",
        subject_type: "client" as const,
        subject_id: "acc-00000011",
        client_id: "acc-00000011",
        purpose: "referral",
        method: "written" as const,
        recorded_by: "acc-00000011",
        given_at: now,
        recorded_at: now,
        given_by: "subject",
        capacity: "adult",
        recipients: '["Jugendamt"]',
        channels: '["email"]',
        text_sha256: "1".repeat(64),
        language: "de",
        staff_present_id: null,
        expires_at: null,
      };
      await db.db
        .insertInto("consent_records")
        .values({ ...grant, id: "cons-0000011", kind: "grant", withdraws_id: null })
        .execute();
      const withdrawal = { ...grant, kind: "withdrawal" as const, withdraws_id: "cons-0000011" };
      await db.db
        .insertInto("consent_records")
        .values({ ...withdrawal, id: "cons-0000011w" })
        .execute();
      // One withdrawal per consent.
      await expect(
        db.db
          .insertInto("consent_records")
          .values({ ...withdrawal, id: "cons-0000011x" })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("forwarding_decisions")
        .values({
          id: "fwd-0000011",
          organisation_id: "org-00000011",
          actor_id: "acc-00000011",
          subject_type: "case",
          subject_id: "case-0000011",
          purpose: "referral",
          recipient: "Jugendamt",
          channel: "email",
          outcome: "refused",
          consent_id: null,
          legal_basis: null,
          reason: null,
          decided_at: now,
        })
        .execute();
      expect(
        Number(
          (await db.db.selectFrom("forwarding_decisions").select("decided_at").executeTakeFirstOrThrow()).decided_at,
        ),
      ).toBe(now);
    },
  },
  "0012-sso": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000012', 'Träger L', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000012', 'org-00000012', 'lena', 'staff', 'counsellor', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at) values ('ses-00000012', 'acc-00000012', 'h12', ${now}, ${now}, ${now + 1000})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      // Sessions from before SSO are normal sessions.
      const session = await db.db
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", "ses-00000012")
        .executeTakeFirstOrThrow();
      expect(session.password_pending).toBe(0);
      await db.db
        .insertInto("sso_configs")
        .values({
          organisation_id: "org-00000012",
          issuer: "https://idp.example.org",
          client_id: "obhut",
          client_secret_enc: "sealed",
          scopes: "openid groups",
          groups_claim: "groups",
          role_mapping: "[]",
          required: 0,
          updated_by: null,
          updated_at: now,
        })
        .execute();
      const identity = {
        organisation_id: "org-00000012",
        issuer: "https://idp.example.org",
        subject: "s-1",
        account_id: "acc-00000012",
        created_at: now,
        last_login_at: null,
      };
      await db.db.insertInto("sso_identities").values(identity).execute();
      // One account per subject, one subject per account.
      await expect(
        db.db
          .insertInto("sso_identities")
          .values({ ...identity, subject: "s-2" })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("sso_states")
        .values({
          id: "st-12",
          organisation_id: "org-00000012",
          purpose: "login",
          nonce: "n",
          code_verifier: "v",
          browser_hash: "b",
          session_id: null,
          account_id: null,
          expires_at: now + 600_000,
        })
        .execute();
      await db.db
        .insertInto("sso_logins")
        .values({ session_id: "ses-00000012", account_id: "acc-00000012", mapped_role: null, expires_at: now })
        .execute();
      const state = await db.db.selectFrom("sso_states").select("expires_at").executeTakeFirstOrThrow();
      expect(Number(state.expires_at)).toBe(now + 600_000);
    },
  },
  "0013-dsr": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000013', 'Träger M', ${now}, null)`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("dsr_requests")
        .values({
          id: "dsr-00000013",
          organisation_id: "org-00000013",
          type: "access",
          subject_type: "reference",
          subject_ref: "Brief 13",
          received_on: "2026-01-31",
          original_due_on: "2026-02-28",
          due_on: "2026-02-28",
          extension_months: 0,
          extension_reason: null,
          status: "open",
          closed_reason: null,
          created_by: "acc-00000013",
          created_at: now,
          closed_by: null,
          closed_at: null,
          reminded_due_soon_at: null,
          reminded_overdue_at: null,
        })
        .execute();
      await db.db
        .insertInto("dsr_restrictions")
        .values({
          id: "rst-00000013",
          organisation_id: "org-00000013",
          subject_type: "case",
          subject_id: "case-00000013",
          reason: "Richtigkeit bestritten",
          request_id: "dsr-00000013",
          set_by: "acc-00000013",
          set_at: now,
          lifted_by: null,
          lifted_at: null,
        })
        .execute();
      const row = await db.db.selectFrom("dsr_requests").selectAll().executeTakeFirstOrThrow();
      expect(row.due_on).toBe("2026-02-28");
      expect(Number(row.created_at)).toBe(now);
      // The organisation must exist.
      await expect(
        db.db
          .insertInto("dsr_restrictions")
          .values({
            id: "rst-0000013b",
            organisation_id: "org-missing",
            subject_type: "case",
            subject_id: "c",
            reason: "r",
            request_id: null,
            set_by: "a",
            set_at: now,
            lifted_by: null,
            lifted_at: null,
          })
          .execute(),
      ).rejects.toThrow();
    },
  },
  "0014-dpo": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000014', 'Träger N', ${now}, null)`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("break_glass_grants")
        .values({
          id: "bg-00000014",
          organisation_id: "org-00000014",
          case_id: "case-00000014",
          team_id: "team-00000014",
          account_id: "acc-00000014",
          reason: "Vertretung während Urlaub",
          created_at: now,
          expires_at: now + 3_600_000,
        })
        .execute();
      const grant = await db.db.selectFrom("break_glass_grants").select("expires_at").executeTakeFirstOrThrow();
      expect(Number(grant.expires_at)).toBe(now + 3_600_000);
      const record = {
        id: "pr-00000014",
        organisation_id: "org-00000014",
        version: 1,
        content: "{}",
        sha256: "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        created_by: null,
        created_at: now,
      };
      await db.db.insertInto("processing_records").values(record).execute();
      // One row per organisation and version.
      await expect(
        db.db
          .insertInto("processing_records")
          .values({ ...record, id: "pr-0000014b" })
          .execute(),
      ).rejects.toThrow();
    },
  },
  "0015-case-rebind": {
    before: async () => undefined,
    after: async (db) => {
      const code = {
        code_hash: "ab".repeat(32),
        account_id: "acc-00000015",
        created_at: now,
        expires_at: now + 86_400_000,
      };
      await db.db
        .insertInto("case_rebind_codes")
        .values({ ...code, used_at: null })
        .execute();
      const row = await db.db.selectFrom("case_rebind_codes").selectAll().executeTakeFirstOrThrow();
      expect(Number(row.expires_at)).toBe(now + 86_400_000);
      expect(row.used_at).toBeNull();
      // A code hash is unique.
      await expect(
        db.db
          .insertInto("case_rebind_codes")
          .values({ ...code, used_at: null })
          .execute(),
      ).rejects.toThrow();
    },
  },
  "0016-device-keys": {
    before: async () => undefined,
    after: async (db) => {
      const device = {
        id: "dev-00000016",
        account_id: "acc-00000016",
        wrap: "w".repeat(84),
        created_at: now,
        last_used_at: now,
      };
      await db.db.insertInto("device_keys").values(device).execute();
      const row = await db.db.selectFrom("device_keys").selectAll().executeTakeFirstOrThrow();
      expect({ ...row, created_at: Number(row.created_at), last_used_at: Number(row.last_used_at) }).toEqual(device);
      // A device id is unique.
      await expect(db.db.insertInto("device_keys").values(device).execute()).rejects.toThrow();
    },
  },
  "0018-attachment-policy": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at, root_public_key) values ('org-00000018', 'Träger R', ${now}, null)`.execute(
        db.db,
      );
      await sql`insert into accounts (id, organisation_id, username, kind, role, opaque_record, key_bundle, created_at) values ('acc-00000018', 'org-00000018', 'rita', 'staff', 'org_admin', 'r', '{}', ${now})`.execute(
        db.db,
      );
      await sql`insert into conversations (id, organisation_id, kind, created_by, created_at) values ('conv-00000018', 'org-00000018', 'team', 'acc-00000018', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      await db.db
        .insertInto("attachment_policies")
        .values({
          organisation_id: "org-00000018",
          max_bytes: 5 * 1024 * 1024,
          allowed_types: '["image/*","application/pdf"]',
          updated_by: null,
          updated_at: now,
        })
        .execute();
      const policy = await db.db.selectFrom("attachment_policies").selectAll().executeTakeFirstOrThrow();
      expect(Number(policy.max_bytes)).toBe(5 * 1024 * 1024);
      // One policy per organisation, and only for one that exists.
      await expect(
        db.db
          .insertInto("attachment_policies")
          .values({ ...policy, updated_at: now + 1 })
          .execute(),
      ).rejects.toThrow();
      await expect(
        db.db
          .insertInto("attachment_policies")
          .values({ ...policy, organisation_id: "org-missing" })
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto("attachment_deletions")
        .values({ attachment_id: "att-00000018", conversation_id: "conv-00000018", deleted_at: now })
        .execute();
      // Deleted-attachment ids go with their conversation.
      await db.db.deleteFrom("conversations").where("id", "=", "conv-00000018").execute();
      expect(await db.db.selectFrom("attachment_deletions").selectAll().execute()).toEqual([]);
    },
  },
  "0017-messaging-policy": {
    before: async (db) => {
      await sql`insert into organisations (id, name, created_at) values ('org-00000017', 'Träger Q', ${now})`.execute(
        db.db,
      );
    },
    after: async (db) => {
      // Existing organisations have no row: they keep the defaults until an admin changes something.
      expect(await db.db.selectFrom("messaging_policies").selectAll().execute()).toEqual([]);
      const flags = {
        direct_receipts: 1,
        direct_typing: 1,
        team_receipts: 1,
        team_typing: 0,
        case_receipts: 0,
        case_typing: 0,
        broadcast_receipts: 0,
        broadcast_typing: 0,
        notes_receipts: 1,
        notes_typing: 1,
        presence_staff: 1,
        presence_clients: 1,
      };
      const row = { organisation_id: "org-00000017", ...flags, updated_by: null, updated_at: now };
      await db.db.insertInto("messaging_policies").values(row).execute();
      const stored = await db.db.selectFrom("messaging_policies").selectAll().executeTakeFirstOrThrow();
      expect({ ...stored, updated_at: Number(stored.updated_at) }).toEqual(row);
      // One row per organisation, and only for an organisation that exists.
      await expect(db.db.insertInto("messaging_policies").values(row).execute()).rejects.toThrow();
      await expect(
        db.db
          .insertInto("messaging_policies")
          .values({ ...row, organisation_id: "org-missing" })
          .execute(),
      ).rejects.toThrow();
    },
  },
};

describe.each(DIALECTS)("migrations (%s)", (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it("has a test for every migration", () => {
    expect(Object.keys(seeds).sort()).toEqual(migrationNames);
  });

  it.each(migrationNames)("%s migrates existing data and works afterwards", async (name) => {
    db = await createTestDb(dialect, { migrate: false });
    const index = migrationNames.indexOf(name);
    if (index > 0) await migrateTo(db.db, migrationNames[index - 1]!);
    await seeds[name]!.before(db);
    await migrateTo(db.db, name);
    await seeds[name]!.after(db);
  });

  it("is idempotent: migrating a migrated database changes nothing", async () => {
    db = await createTestDb(dialect);
    const again = await migrateToLatest(db.db);
    expect(again.applied).toEqual([]);
    expect((await migrationStatus(db.db)).pending).toEqual([]);
  });
});
