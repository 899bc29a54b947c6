// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin, goInApp } from "../src/counselling";
import { createPgDatabase, openSql, runObhut, storageEnv, type Sql, type Storage } from "../src/instance";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue 7 "done when": a closed case disappears after its period unless on
 * hold — in real Chromium against `obhut serve --demo`, once on SQLite and
 * once on PostgreSQL. Two clients each open a case; a counsellor answers and
 * closes both in the browser; the team lead puts one on legal hold on the
 * case page, with a reason. Time moves honestly, without a fake
 * clock in the server: the closed-cases period is set to its minimum with
 * `obhut retention set`, both cases' `closed_at` is moved back past it in the
 * database, and `obhut retention run` deletes beside the running server (as
 * the daily job would). Then the deleted case is gone from the counsellor's
 * inbox, the client's case list and the database (messages, the attachment
 * and its blob, epochs, key wraps; the run audited with counts); the held
 * one is still there and readable on both sides.
 */
const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const DAY = 24 * 60 * 60 * 1000;

/** Tables that hold a conversation's content or keys, all keyed by conversation_id. */
const CONVERSATION_TABLES = [
  "messages",
  "attachments",
  "conversation_epochs",
  "epoch_key_wraps",
  "epoch_team_wraps",
  "conversation_members",
  "conversations",
] as const;

const ATTACHMENT = {
  name: "mietvertrag.txt",
  mimeType: "text/plain",
  buffer: Buffer.from("Mietvertrag Wohnung Demo-Stadt\n".repeat(1000)),
};

/** Whether a blob is stored: file store (SQLite instances) or database store (PostgreSQL). */
async function blobStored(sql: Sql, storage: Storage, id: string): Promise<boolean> {
  if (existsSync(join(storage.dataDir, "blobs", id.slice(0, 2), id))) return true;
  return (await sql.all("SELECT 1 AS x FROM blobs WHERE id = ?", [id])).length > 0;
}

const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

// One database per browser test: the browser adds nothing that differs between SQLite and PostgreSQL
// (the server tests run every rule of this feature on both); the browser tests share the dialects out
// (retention and org-move on PostgreSQL, documents and consent withdrawal on SQLite) to keep CI short.
describe("retention on PostgreSQL (blobs in the database)", () => {
  let stack: Stack;
  let storage: Storage;
  let dropDb: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await stack?.stop();
    await dropDb?.();
  });

  it("a closed case goes after its period with its messages, attachment blob and keys; a held one stays readable", async () => {
    const env: Record<string, string> = { OBHUT_RATE_LIMITS: "auth=200" };
    const db = await createPgDatabase();
    dropDb = db.drop;
    stack = await startTestStack({ args: ["--demo"], env: { ...env, ...storageEnv({ databaseUrl: db.url }) } });
    storage = { dataDir: stack.dataDir, databaseUrl: db.url };

    const run = Date.now().toString(36);
    const names = { held: `gehalten-${run}`, gone: `geloescht-${run}` };
    const texts = {
      held: {
        enquiry: "Hallo, es geht um das Sorgerecht für meinen Sohn.",
        reply: "Guten Tag, dazu beraten wir gern.",
      },
      gone: { enquiry: "Hallo, ich habe Streit mit meiner Schwester.", reply: "Guten Tag, erzählen Sie gern mehr." },
    };
    const clients: Record<"held" | "gone", Actor> = {
      held: await stack.actor("client-held", { viewport: VIEWPORTS.mobile }),
      gone: await stack.actor("client-gone", { viewport: VIEWPORTS.mobile }),
    };
    const counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
    const lead = await stack.actor("team-lead", { viewport: VIEWPORTS.desktop });
    for (const actor of [clients.held, clients.gone, counsellor, lead]) await useLanguage(actor.context, "de");

    for (const which of ["held", "gone"] as const) {
      clients[which].step("finder → sign-up → enquiry");
      await clientEnquiry(clients[which].page, {
        texts: CLIENT_TEXTS.de,
        username: names[which],
        password: PASSWORD,
        message: texts[which].enquiry,
        // The deleted case carries an attachment: its blob must go too.
        ...(which === "gone" ? { file: ATTACHMENT } : {}),
      });
    }

    counsellor.step("accept, answer and close both cases");
    const c = counsellor.page;
    await counsellorLogin(c, stack, "demo-beraterin");
    for (const which of ["held", "gone"] as const) {
      await goInApp(c, "/inbox");
      await c.locator(".case-card", { hasText: names[which] }).locator("a").click();
      await c.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
      await staffMessages(c).filter({ hasText: texts[which].enquiry }).waitFor({ timeout: 30_000 });
      await c.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
      await c.locator("#case-reply").waitFor({ timeout: 30_000 });
      await c.fill("#case-reply", texts[which].reply);
      await c.locator("form.composer:has(#case-reply) button[type=submit]").click();
      await staffMessages(c).filter({ hasText: texts[which].reply }).waitFor({ timeout: 30_000 });
      await clients[which].page.locator(".timeline__message", { hasText: texts[which].reply }).waitFor({
        timeout: 30_000,
      });
      await c.locator("button", { hasText: "Fall abschließen" }).click();
      await c.locator("[data-testid=case-state]", { hasText: "Abgeschlossen" }).waitFor({ timeout: 30_000 });
    }

    const sql = await openSql(storage);
    try {
      const rows = await sql.all<{
        id: string;
        organisation_id: string;
        conversation_id: string;
        notes_conversation_id: string | null;
        username: string;
        state: string;
      }>(
        "SELECT c.id, c.organisation_id, c.conversation_id, c.notes_conversation_id, c.state, a.username " +
          "FROM cases c JOIN accounts a ON a.id = c.client_id",
      );
      const caseOf = (which: "held" | "gone") => rows.find((r) => r.username === names[which])!;
      const held = caseOf("held");
      const gone = caseOf("gone");
      expect([held.state, gone.state]).toEqual(["closed", "closed"]);
      const orgId = held.organisation_id;
      const conversationsOf = (r: typeof held) => [r.conversation_id, r.notes_conversation_id].filter(Boolean);
      const attachments = await sql.all<{ id: string }>("SELECT id FROM attachments WHERE conversation_id = ?", [
        gone.conversation_id,
      ]);
      expect(attachments).toHaveLength(1);
      const blobId = attachments[0]!.id;
      expect(await blobStored(sql, storage, blobId)).toBe(true);

      lead.step("legal hold with a reason, set by the team lead on the case page");
      await counsellorLogin(lead.page, stack, "demo-leitung");
      await goInApp(lead.page, `/inbox/case?id=${encodeURIComponent(held.id)}`);
      await lead.page.locator("[data-legal-hold=none]").waitFor({ timeout: 60_000 });
      // A reason is required.
      await lead.page.getByRole("button", { name: "Aufbewahrungspflicht setzen" }).click();
      await lead.page.getByText("Bitte geben Sie einen Grund an").waitFor();
      await lead.page.fill("#legal-hold-reason", "Gerichtliche Anordnung, Az. 12/26");
      await lead.page.getByRole("button", { name: "Aufbewahrungspflicht setzen" }).click();
      await lead.page.locator("[data-legal-hold=active]").waitFor();
      expect(await lead.page.locator("[data-legal-hold=active]").textContent()).toContain(
        "Gerichtliche Anordnung, Az. 12/26",
      );
      const holds = await sql.all<{ case_id: string; released_at: number | null }>(
        "SELECT case_id, released_at FROM legal_holds",
      );
      expect(holds).toEqual([{ case_id: held.id, released_at: null }]);

      // Time moves: the shortest allowed period, and both cases closed before it began.
      const minimum = await runObhut(storage, [
        "retention",
        "set",
        "--org",
        orgId,
        "--class",
        "closed_cases",
        "--days",
        "30",
      ]);
      expect(minimum.stdout).toMatch(/closed_cases\s+30 days after case_closed/);
      const longAgo = Date.now() - 31 * DAY;
      await sql.run("UPDATE cases SET closed_at = ? WHERE id IN (?, ?)", [longAgo, held.id, gone.id]);

      const dry = JSON.parse(
        (await runObhut(storage, ["retention", "run", "--org", orgId, "--dry-run", "--json"])).stdout,
      );
      expect(JSON.stringify(dry)).toContain(gone.id);
      expect(JSON.stringify(dry)).not.toContain(held.id);
      const report = (await runObhut(storage, ["retention", "run", "--org", orgId])).stdout;
      expect(report).toMatch(/closed_cases\s+deleted 1/);

      // The database: the deleted case and everything of its conversations is gone, the held one is whole.
      expect(await sql.all("SELECT id FROM cases WHERE id = ?", [gone.id])).toEqual([]);
      expect(await sql.all("SELECT case_id FROM case_events WHERE case_id = ?", [gone.id])).toEqual([]);
      for (const table of CONVERSATION_TABLES) {
        const column = table === "conversations" ? "id" : "conversation_id";
        for (const id of conversationsOf(gone))
          expect(
            await sql.all(`SELECT 1 AS x FROM ${table} WHERE ${column} = ?`, [id]),
            `${table} of the deleted case`,
          ).toEqual([]);
      }
      for (const table of ["messages", "conversation_epochs", "epoch_team_wraps"] as const) {
        const left = await sql.all(`SELECT 1 AS x FROM ${table} WHERE conversation_id = ?`, [held.conversation_id]);
        expect(left.length, `${table} of the held case`).toBeGreaterThan(0);
      }
      expect(await sql.all("SELECT id FROM cases WHERE id = ?", [held.id])).toHaveLength(1);
      expect(await blobStored(sql, storage, blobId), "the attachment's blob").toBe(false);
      // The run is in the audit log, with counts only.
      const audited = await sql.all<{ data: string }>(
        "SELECT data FROM audit_events WHERE action = 'retention.run' AND organisation_id = ?",
        [orgId],
      );
      expect(audited.map((a) => JSON.parse(a.data) as Record<string, unknown>)).toContainEqual(
        expect.objectContaining({ via: "cli", closed_cases: 1 }),
      );
      expect(audited.map((a) => a.data).join("")).not.toContain(gone.id);
    } finally {
      await sql.close();
    }

    counsellor.step("my cases: the held case is listed and readable, the deleted one is not");
    await goInApp(c, "/inbox");
    await c.locator(".scope-tabs button", { hasText: "Meine Fälle" }).click();
    await c.locator(".case-card", { hasText: names.held }).waitFor({ timeout: 30_000 });
    expect(await c.locator(".case-card", { hasText: names.gone }).count()).toBe(0);
    await c.locator(".scope-tabs button", { hasText: "Fälle meiner Teams" }).click();
    await c.locator(".scope-tabs button[aria-pressed=true]", { hasText: "Fälle meiner Teams" }).waitFor();
    await c.locator(".case-card", { hasText: names.held }).waitFor({ timeout: 30_000 });
    expect(await c.locator(".case-card", { hasText: names.gone }).count()).toBe(0);
    await c.locator(".case-card", { hasText: names.held }).locator("a").click();
    await staffMessages(c).filter({ hasText: texts.held.enquiry }).waitFor({ timeout: 30_000 });
    await staffMessages(c).filter({ hasText: texts.held.reply }).waitFor();

    clients.gone.step("my cases: nothing left");
    await goInApp(clients.gone.page, "/cases");
    await clients.gone.page.locator("p", { hasText: "Sie haben noch keine Beratung begonnen." }).waitFor({
      timeout: 30_000,
    });
    expect(await clients.gone.page.locator(".case-card").count()).toBe(0);

    clients.held.step("my cases: the held case with its history");
    await goInApp(clients.held.page, "/cases");
    await clients.held.page.locator(".case-card a").first().click();
    await clients.held.page.waitForURL(/\/case\?id=/);
    await clients.held.page.locator(".timeline__message", { hasText: texts.held.enquiry }).waitFor({ timeout: 30_000 });
    await clients.held.page.locator(".timeline__message", { hasText: texts.held.reply }).waitFor();
    expect(await clients.held.page.locator(".timeline__problem").count()).toBe(0);
  }, 240_000);
});
