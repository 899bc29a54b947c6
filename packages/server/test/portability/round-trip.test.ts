// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import { ListMessages } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DialectName } from "../../src/infra/db/dialect";
import { verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { exportOrganisation } from "../../src/modules/portability/export";
import { importOrganisation } from "../../src/modules/portability/import";
import type { AnyDb } from "../../src/modules/portability/tables";
import { apiAs } from "../helpers/api";
import { tempDir } from "../helpers/databases";
import { injectSend, startTestServer, type TestServer } from "../helpers/server";
import { loginWithKeys } from "../keys/support";
import {
  buildOrganisation,
  compareOrganisation,
  createTarget,
  exportFileIn,
  PASSPHRASE,
  type BuiltOrg,
  type Target,
} from "./support";

const DIRECTIONS: [DialectName, DialectName][] = [
  ["sqlite", "postgres"],
  ["postgres", "sqlite"],
];

describe.each(DIRECTIONS)("organisation export from %s, import into %s", (from, to) => {
  let source: TestServer;
  let org: BuiltOrg;
  let file: string;
  const dir = tempDir("obhut-export-");
  const targets: Target[] = [];
  const newTarget = async () => {
    const t = await createTarget(to);
    targets.push(t);
    return t;
  };
  const runImport = (t: Target, extra: Partial<Parameters<typeof importOrganisation>[0]> = {}) =>
    importOrganisation({
      db: t.db,
      blobs: t.blobs,
      file,
      passphrase: PASSPHRASE,
      dataDir: t.dataDir,
      secrets: t.secrets,
      now: Date.now(),
      ...extra,
    });
  const compare = (t: Target) =>
    compareOrganisation(
      { db: source.ctx.db.db as AnyDb, mfaKey: source.ctx.secrets.mfaKey },
      { db: t.db.db as AnyDb, mfaKey: t.secrets.mfaKey },
      org.orgId,
    );

  beforeAll(async () => {
    source = await startTestServer({ dialect: from });
    org = await buildOrganisation(source);
    file = exportFileIn(dir);
    const progress: string[] = [];
    const summary = await exportOrganisation({
      db: source.ctx.db,
      blobs: source.ctx.blobs,
      organisationId: org.orgId,
      file,
      passphrase: PASSPHRASE,
      secrets: source.ctx.secrets,
      now: Date.now(),
      onProgress: (p) => p.done && progress.push(p.kind === "table" ? p.table : "blobs"),
    });
    expect(summary.blobs).toBe(1);
    expect(summary.rows.messages).toBe(5);
    expect(progress).toContain("audit_events");
  }, 120_000);

  afterAll(async () => {
    await source?.stop();
    for (const t of targets) await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes the documented format: header, one line per row, base64url blobs, trailer; no plaintext secrets", () => {
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: "obhut-export", version: 1, organisation: { id: org.orgId } });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: "end", blobs: 1, lines: lines.length - 1 });
    const text = lines.join("\n");
    expect(text).not.toContain(source.ctx.secrets.opaqueServerSetup);
    expect(text).not.toContain(org.totpSecret);
    expect(text).not.toContain(source.ctx.secrets.mfaKey);
    // The export is audited in the organisation's chain, early enough to be part of the file.
    expect(text).toContain('"action":"organisation.exported"');
    expect(lines.filter((l) => l.startsWith('{"type":"blob-part"'))).toHaveLength(2);
  });

  it("restores every exported table row by row; audit verify passes; users log in and read their history", async () => {
    const target = await newTarget();
    const summary = await runImport(target);
    expect(summary.passwordsWork).toBe(true);
    expect(summary.blobs).toEqual({ inserted: 1, skipped: 0 });
    await target.reloadSecrets();
    expect(target.secrets.opaqueServerSetup).toBe(source.ctx.secrets.opaqueServerSetup);
    expect(target.secrets.mfaKey).not.toBe(source.ctx.secrets.mfaKey);

    const counts = await compare(target);
    for (const t of ["accounts", "org_log_entries", "key_wraps", "messages", "conversation_epochs", "epoch_key_wraps"])
      expect(counts[t], t).toBeGreaterThan(0);
    for (const t of ["attachments", "cases", "case_events", "epoch_team_wraps", "consent_records", "legal_holds"])
      expect(counts[t], t).toBeGreaterThan(0);
    for (const t of ["mfa_totp", "retention_rules", "audit_events", "audit_heads", "audit_anchors"])
      expect(counts[t], t).toBeGreaterThan(0);

    const reports = await verifyAuditLog(target.db.db, { anchorPublicKey: target.secrets.auditAnchorKey.x });
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    expect(reports.find((r) => r.chain === org.orgId)?.anchoredSeq).toBeGreaterThan(0);
    expect(reports.find((r) => r.chain === "instance")?.entries).toBe(1);

    // A second run changes nothing (a rerun after users worked on the target would meet changed rows and stop).
    const again = await runImport(target);
    expect(Object.values(again.tables).every((t) => t.inserted === 0)).toBe(true);
    expect(again.blobs).toEqual({ inserted: 0, skipped: 1 });
    // A row that differs from the file stops the import with a clear error, before anything is written.
    const msg = { conversation_id: org.conversationId, seq: 2 };
    const setClientMsgId = (value: string) =>
      target.db.db
        .updateTable("messages")
        .set({ client_msg_id: value })
        .where("conversation_id", "=", msg.conversation_id)
        .where("seq", "=", msg.seq)
        .execute();
    const original = await target.db.db
      .selectFrom("messages")
      .select("client_msg_id")
      .where("conversation_id", "=", msg.conversation_id)
      .where("seq", "=", msg.seq)
      .executeTakeFirstOrThrow();
    await setClientMsgId("tampered");
    await expect(runImport(target)).rejects.toThrow(
      /messages conversation_id=.*seq=2 already exists here with different content/,
    );
    await setClientMsgId(original.client_msg_id);
    // The target as a running server: the admin logs in with the original password.
    const server = await startTestServer({ dialect: to, dataDir: target.dataDir, databaseUrl: target.databaseUrl });
    try {
      const send = injectSend(server);
      const login = await loginWithKeys(send, org.admin.username, org.admin.password);
      expect(login.keyBundle).toEqual(org.admin.bundle);
      const history = await apiAs(server, login).call(ListMessages, {
        params: { id: org.conversationId },
        query: { after: 0 },
      });
      expect(history.status, JSON.stringify(history.body)).toBe(200);
      expect(history.body.messages.map((m) => m.envelope)).toEqual(org.envelopes);
      // The download is raw bytes, which the typed (JSON) client would read as text: a raw inject.
      const blob = await server.app.inject({
        method: "GET",
        url: `/api/attachments/${org.attachmentId}`,
        remoteAddress: "10.98.0.1",
        headers: { cookie: login.cookie },
      });
      expect(blob.statusCode).toBe(200);
      expect(blob.rawPayload.equals(org.attachment)).toBe(true);
      // The staff member too, with the same password.
      expect((await loginWithKeys(injectSend(server), org.staff.username, org.staff.password)).keyBundle).toEqual(
        org.staff.bundle,
      );
    } finally {
      await server.close();
    }

    // Once users have worked on the target (here: logged in), its rows differ from the file: a rerun stops.
    await expect(runImport(target)).rejects.toThrow(/accounts id=.* already exists here with different content/);
  }, 120_000);

  it("an interrupted import, run again, ends with the same rows", async () => {
    const target = await newTarget();
    let batches = 0;
    await expect(
      runImport(target, {
        onProgress: (p) => {
          if (p.kind === "table" && !p.done && ++batches === 20) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    // The interrupted run already took over the OPAQUE setup (secrets.json); the CLI reads it again on every run.
    await target.reloadSecrets();
    // Stopped half way: the first tables are in, the audit chain (near the end) is not.
    expect(await target.db.db.selectFrom("accounts").select("id").execute()).not.toEqual([]);
    expect(
      await target.db.db.selectFrom("audit_heads").select("chain").where("chain", "=", org.orgId).execute(),
    ).toEqual([]);
    await runImport(target);
    await target.reloadSecrets();
    await compare(target);
    const reports = await verifyAuditLog(target.db.db, { anchorPublicKey: target.secrets.auditAnchorKey.x });
    expect(reports.filter((r) => !r.ok)).toEqual([]);
  }, 120_000);

  it("refuses unknown format versions, newer schemas, a wrong passphrase, a cut-off file and a populated instance", async () => {
    const target = await newTarget();
    const lines = fs.readFileSync(file, "utf8").split("\n");
    /** The file with an edited header and a matching trailer, as a newer (or foreign) Obhut would write it. */
    const variant = (edit: (header: Record<string, unknown>) => void) => {
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      edit(header);
      const body = [JSON.stringify(header), ...lines.slice(1, -2)];
      const trailer = JSON.parse(lines.at(-2)!) as Record<string, unknown>;
      trailer.sha256 = crypto
        .createHash("sha256")
        .update(body.map((l) => l + "\n").join(""))
        .digest("hex");
      const f = exportFileIn(dir);
      fs.writeFileSync(f, [...body, JSON.stringify(trailer), ""].join("\n"));
      return f;
    };
    await expect(runImport(target, { file: variant((h) => (h.version = 2)) })).rejects.toThrow(
      /format version 2; this Obhut reads version 1 only/,
    );
    await expect(
      runImport(target, { file: variant((h) => (h.migrations = [...(h.migrations as string[]), "9999-future"])) }),
    ).rejects.toThrow(/comes from a newer Obhut \(schema 9999-future\)/);
    await expect(runImport(target, { passphrase: "not the passphrase at all" })).rejects.toThrow(
      /Wrong export passphrase/,
    );
    const cut = exportFileIn(dir);
    fs.writeFileSync(cut, lines.slice(0, Math.floor(lines.length / 2)).join("\n") + "\n");
    await expect(runImport(target, { file: cut })).rejects.toThrow(/incomplete \(no trailer\)/);
    expect(
      await target.db.db
        .selectFrom("accounts")
        .select("id")
        .execute()
        .catch(() => []),
    ).toEqual([]);

    // An instance whose own users registered under its own OPAQUE setup.
    const populated = await newTarget();
    const { migrateToLatest } = await import("../../src/infra/db/migrate");
    await migrateToLatest(populated.db.db);
    await populated.db.db
      .insertInto("accounts")
      .values({
        id: "someone",
        organisation_id: null,
        username: "someone",
        kind: "client",
        role: "client",
        opaque_record: "x",
        key_bundle: "{}",
        created_at: 1,
        disabled_at: null,
      })
      .execute();
    await expect(runImport(populated)).rejects.toThrow(/--allow-password-reset/);
    const reset = await runImport(populated, { allowPasswordReset: true });
    expect(reset.passwordsWork).toBe(false);
  }, 120_000);
});
