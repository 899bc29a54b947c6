// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import type { Database as SqliteDb } from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser } from "../src/accounts";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  acceptEnquiry,
  axeAt360,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  demoPassword,
  staffMessages,
} from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #14, item 2 (ADR 0029), in real Chromium against `obhut serve --demo`: a client's case with the
 * intake team; the administrator sets the organisation's epoch limits (checked in the browser, stored) and
 * removes one counsellor (Herr Roth, demo-berater) from the team in the
 * console, whose browser renews the team key; the next counsellor who opens the case (Frau Berger) gets a new
 * conversation key made by her own browser, with a short visible status, and replies; the client reads the
 * reply and answers under the new key. The database shows epoch 2 signed by her browser's account and wrapped
 * to the renewed team key only.
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
let admin: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Schlüssel und Türen 9";
const T = {
  enquiry: "Guten Tag, meine Tochter spricht kaum noch mit mir. Was kann ich tun?",
  reply: "Guten Tag, danke für Ihre Nachricht. Seit wann ist das so?",
  afterRemoval: "Herr Roth ist nicht mehr in unserem Team. Ich bleibe für Sie da.",
  clientAfter: "Danke, seit etwa drei Monaten.",
};

/** The reply form of the case conversation (the notes have a form of their own). */
const reply = (page: Page) => page.locator("form", { has: page.getByLabel("Antwort", { exact: true }) });

async function readDb<T>(fn: (db: SqliteDb) => T): Promise<T> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The counsellor opens the case from her inbox (in-app: a reload would drop the keys held in memory). */
async function openFromInbox(page: Page, clientName: string): Promise<void> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Posteingang" }).click();
  await page.waitForURL(/\/inbox(\?|$)/);
  await page.getByRole("button", { name: "Meine Fälle" }).click();
  const card = page.locator(".case-card", { hasText: clientName });
  await card.waitFor({ timeout: 30_000 });
  await card.locator("a").click();
  await page.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  for (const actor of [client, counsellor, admin]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("a new conversation key after a counsellor leaves the team", () => {
  const clientName = "tuer-" + Date.now().toString(36);
  let caseId = "";

  it("the client writes; Frau Berger accepts and answers", async () => {
    await counsellorLogin(counsellor.page, stack, "demo-beraterin");
    await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username: clientName,
      password: PASSWORD,
      message: T.enquiry,
    });
    caseId = new URL(client.page.url()).searchParams.get("id")!;
    await acceptEnquiry(counsellor.page, { client: clientName, enquiry: T.enquiry, reply: T.reply });
    await client.page.locator(".timeline__message", { hasText: T.reply }).waitFor({ timeout: 30_000 });
    expect(
      await readDb((db) =>
        db
          .prepare(
            "SELECT count(*) AS n FROM conversation_epochs e JOIN cases c ON c.conversation_id = e.conversation_id WHERE c.id = ?",
          )
          .get(caseId),
      ),
    ).toEqual({ n: 1 });
  });

  it("the administrator sets the epoch limits and removes Herr Roth from the team; the console renews the team key", async () => {
    const ap = admin.page;
    await logInInBrowser(ap, {
      username: "demo-admin",
      password: await demoPassword(stack, "demo-admin"),
      path: "/staff",
    });
    await ap.waitForURL("**/admin", { timeout: 60_000 });

    // The messaging policy's epoch limits: shown with their defaults, checked, saved.
    await ap.locator("nav.admin-nav").getByRole("link", { name: "Regeln", exact: true }).click();
    await ap.waitForURL("**/admin/policies");
    const limits = ap.getByRole("group", { name: "Neuer Schlüssel für jedes Gespräch" });
    const messages = limits.getByLabel("Nach wie vielen Nachrichten");
    const days = limits.getByLabel("Nach wie vielen Tagen");
    await expect.poll(() => messages.inputValue()).toBe("1000");
    expect(await days.inputValue()).toBe("30");
    await limits.getByText("Eine Zahl von 50 bis 16777216. Voreinstellung: 1000.").waitFor();
    const save = ap.getByRole("button", { name: "Regeln für Nachrichten speichern" });
    await messages.fill("10");
    await save.click();
    await ap
      .getByRole("alert")
      .filter({ hasText: "Bitte geben Sie ganze Zahlen in den erlaubten Bereichen ein." })
      .waitFor();
    expect(await messages.getAttribute("aria-invalid")).toBe("true");
    violations.push(...(await axeAt360(ap, "admin policies (epoch limits, error)")));
    await messages.fill("500");
    await days.fill("14");
    await save.click();
    await ap.getByRole("status").filter({ hasText: "Die Regeln für Nachrichten sind gespeichert." }).waitFor();
    expect(
      await readDb((db) =>
        db.prepare("SELECT epoch_max_messages AS m, epoch_max_days AS d FROM messaging_policies").get(),
      ),
    ).toEqual({ m: 500, d: 14 });

    await ap.locator("nav.admin-nav").getByRole("link", { name: "Mitarbeitende", exact: true }).click();
    await ap.waitForURL("**/admin/users");
    await ap.getByRole("button", { name: /^demo-berater aus Team .+ entfernen$/ }).click();
    await ap
      .getByRole("status")
      .filter({ hasText: /demo-berater ist nicht mehr im Team .+ Der Teamschlüssel wurde erneuert\./ })
      .waitFor({ timeout: 120_000 });
  });

  it("Frau Berger opens the case: her browser makes the new key, she answers, the client reads and writes back", async () => {
    const w = counsellor.page;
    await openFromInbox(w, clientName);
    // Her browser makes epoch 2 on opening, before she writes, and says so.
    await w
      .getByRole("status")
      .filter({
        hasText: "Neuer Schlüssel erstellt. Wer das Gespräch verlassen hat, kann neue Nachrichten nicht mehr öffnen.",
      })
      .waitFor({ timeout: 60_000 });
    violations.push(...(await axeAt360(w, "staff case (new key)")));
    await w.getByLabel("Antwort", { exact: true }).fill(T.afterRemoval);
    await reply(w).getByRole("button", { name: "Senden" }).click();
    await staffMessages(w).filter({ hasText: T.afterRemoval }).waitFor({ timeout: 30_000 });

    // Epoch 2 is Frau Berger's, for the client only, and its team wrap is filed under the renewed generation 2.
    const stored = await readDb((db) => {
      const row = db
        .prepare("SELECT c.conversation_id AS conv, c.client_id AS client FROM cases c WHERE c.id = ?")
        .get(caseId) as { conv: string; client: string };
      const epochs = db
        .prepare(
          "SELECT e.epoch, a.username FROM conversation_epochs e JOIN accounts a ON a.id = e.created_by WHERE e.conversation_id = ? ORDER BY e.epoch",
        )
        .all(row.conv);
      const team = db
        .prepare(
          "SELECT epoch, generation FROM epoch_team_wraps WHERE conversation_id = ? AND role = 'team' ORDER BY epoch",
        )
        .all(row.conv);
      const recipients = db
        .prepare("SELECT recipient_account_id AS id FROM epoch_key_wraps WHERE conversation_id = ? AND epoch = 2")
        .all(row.conv) as { id: string }[];
      const owed = db.prepare("SELECT rotation_owed_since AS since FROM conversations WHERE id = ?").get(row.conv);
      return { epochs, team, recipients: recipients.map((r) => r.id === row.client), owed };
    });
    expect(stored).toEqual({
      epochs: [
        { epoch: 1, username: clientName },
        { epoch: 2, username: "demo-beraterin" },
      ],
      team: [
        { epoch: 1, generation: 1 },
        { epoch: 2, generation: 2 },
      ],
      recipients: [true],
      owed: { since: null },
    });

    // The client's open page receives it live, decrypts it with the client's own wrap of epoch 2, and answers.
    const c = client.page;
    await c.locator(".timeline__message", { hasText: T.afterRemoval }).waitFor({ timeout: 30_000 });
    await c.getByLabel("Ihre Nachricht", { exact: true }).fill(T.clientAfter);
    await c
      .locator("form", { has: c.getByLabel("Ihre Nachricht", { exact: true }) })
      .getByRole("button", { name: "Senden" })
      .click();
    await c.locator(".timeline .timeline__message--own", { hasText: T.clientAfter }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(c, "client case (after the new key)")));
    await staffMessages(w).filter({ hasText: T.clientAfter }).waitFor({ timeout: 30_000 });
    // No message went in under epoch 1 after the removal: the server refuses them (epoch_outdated).
    expect(await staffMessages(w).filter({ hasText: "kann nicht entschlüsselt werden" }).count()).toBe(0);

    expect(violations).toEqual([]);
    for (const actor of [client, counsellor, admin]) {
      expect(actor.pageErrors).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
    }
  });
});
