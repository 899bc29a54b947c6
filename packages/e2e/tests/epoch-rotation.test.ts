// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import type { Database as SqliteDb } from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInInBrowser, signUpFromInvite } from "../src/accounts";
import { useLanguage, VIEWPORTS } from "../src/app";
import { consoleSuccess } from "../src/admin-console";
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
 * to the renewed team key only. The console's overview counts the conversation as owing a new key until then
 * (ADR 0042). Last, while the client's page stays open, a new counsellor signs up from an invitation and joins the
 * team (her key is certified only now); Frau Berger hands her the case: she reads the whole history, the client's
 * next message reaches her, and her answer opens on the client's page without a reload — it learns her key from
 * the organisation log (issue #14).
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
let admin: Actor;
let newcomer: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Schlüssel und Türen 9";
const T = {
  enquiry: "Guten Tag, meine Tochter spricht kaum noch mit mir. Was kann ich tun?",
  reply: "Guten Tag, danke für Ihre Nachricht. Seit wann ist das so?",
  afterRemoval: "Herr Roth ist nicht mehr in unserem Team. Ich bleibe für Sie da.",
  clientAfter: "Danke, seit etwa drei Monaten.",
  clientNext: "Heute hat sie zum ersten Mal wieder gefragt, wie mein Tag war.",
  newcomerReply: "Guten Tag, ich bin Frau Neumann und begleite Sie ab jetzt. Das klingt nach einem guten Zeichen.",
};
const NEWCOMER = { username: "demo-neumann", password: "Neue Kollegin mit eigenem Schlüssel 7", name: "Frau Neumann" };

/** The console's overview, loaded afresh through its menu; its section on conversations that wait for a new key. */
async function owedEpochsOnOverview(page: Page) {
  await page.locator("nav.admin-nav").getByRole("link", { name: "Teams", exact: true }).click();
  await page.waitForURL("**/admin/teams");
  await page.locator("nav.admin-nav").getByRole("link", { name: "Übersicht", exact: true }).click();
  await page.waitForURL(/\/admin$/);
  return page.getByRole("region", { name: "Neue Schlüssel für Gespräche" });
}

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

    // The overview counts the case's conversation as waiting for a new key; the administrator is in no team of it,
    // so the next team member's browser makes it (no button here).
    const owed = await owedEpochsOnOverview(ap);
    await owed.getByText("1 Gespräch in Fällen wartet auf einen neuen Schlüssel.").waitFor({ timeout: 30_000 });
    await owed
      .getByText("Das erledigt der Browser der nächsten Person, die das Gespräch öffnen darf, von selbst.", {
        exact: false,
      })
      .waitFor();
    expect(await owed.getByRole("button", { name: "Jetzt in diesem Browser erneuern" }).count()).toBe(0);
    violations.push(...(await axeAt360(ap, "admin overview (a conversation waits for a new key)")));
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
  });

  it("a counsellor joins the team while the client's page is open: invited, signed up, added in the console", async () => {
    const c = client.page;
    const ap = admin.page;
    // The client's page stays as it is from here on: no reload, no navigation.
    await c.evaluate(() => {
      (window as unknown as Record<string, unknown>).obhutStillOpen = true;
    });

    // Nothing waits for a new key any more.
    const owed = await owedEpochsOnOverview(ap);
    await owed.getByText("Kein Gespräch wartet auf einen neuen Schlüssel.").waitFor({ timeout: 30_000 });

    // The administrator invites a counsellor, who signs up; then adds her to the team (her key is certified now).
    await ap.locator("nav.admin-nav").getByRole("link", { name: "Mitarbeitende", exact: true }).click();
    await ap.waitForURL("**/admin/users");
    await ap.getByRole("button", { name: "Einladung erstellen" }).click();
    await consoleSuccess(ap, "Die Einladung ist erstellt.");
    const link = (await ap.locator("#invite-link").textContent())!.trim();
    newcomer = await stack.actor("newcomer", { viewport: VIEWPORTS.desktop });
    await useLanguage(newcomer.context, "de");
    const n = newcomer.page;
    newcomer.step("signs up from the invitation");
    await n.goto(link);
    await signUpFromInvite(n, {
      organisation: "Demo-Beratung e.V.",
      username: NEWCOMER.username,
      password: NEWCOMER.password,
      displayName: NEWCOMER.name,
      arrives: "/inbox",
    });
    admin.step("adds her to the team");

    await ap.locator("nav.admin-nav").getByRole("link", { name: "Teams", exact: true }).click();
    await ap.waitForURL("**/admin/teams");
    await ap.locator("nav.admin-nav").getByRole("link", { name: "Mitarbeitende", exact: true }).click();
    await ap.waitForURL("**/admin/users");
    const card = ap.locator(`li[data-username="${NEWCOMER.username}"]`);
    await card
      .getByLabel(`${NEWCOMER.username} einem Team hinzufügen`)
      .selectOption({ label: "Team Familienberatung" });
    await card.getByRole("button", { name: "Hinzufügen" }).click();
    await consoleSuccess(ap, `${NEWCOMER.username} ist jetzt im Team Team Familienberatung`);
    // A staff sign-up derives keys with Argon2id in the browser: slow on a loaded machine (staff-onboarding, too).
  }, 240_000);

  it("Frau Berger hands her the case: she reads the history, and her answer opens on the client's open page", async () => {
    const c = client.page;
    const n = newcomer.page;
    newcomer.step("takes the case over");
    // Frau Berger hands her the case (opened afresh, so the team's members include her).
    const w = counsellor.page;
    await openFromInbox(w, clientName);
    await w.getByLabel("Kollegin oder Kollege im Team").check();
    const person = w.getByLabel("Person", { exact: true });
    const option = person.locator("option", { hasText: NEWCOMER.username });
    await option.waitFor({ state: "attached", timeout: 30_000 });
    await person.selectOption((await option.getAttribute("value"))!);
    await w.getByRole("button", { name: "Übergeben", exact: true }).click();
    await c.locator(".case-status", { hasText: `Es antwortet: ${NEWCOMER.name}` }).waitFor({ timeout: 30_000 });

    newcomer.step("reads the history");
    // She reads the whole history: epoch 1 through the team key's older generation, epoch 2 through the current one.
    await openFromInbox(n, clientName);
    for (const text of [T.enquiry, T.reply, T.afterRemoval, T.clientAfter])
      await staffMessages(n).filter({ hasText: text }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(n, "staff case (a new team member reads the history)")));

    newcomer.step("the client writes, she answers");
    // The client's next message reaches her live; her answer opens on the client's open page, which learns her key.
    await c.getByLabel("Ihre Nachricht", { exact: true }).fill(T.clientNext);
    await c
      .locator("form", { has: c.getByLabel("Ihre Nachricht", { exact: true }) })
      .getByRole("button", { name: "Senden" })
      .click();
    await staffMessages(n).filter({ hasText: T.clientNext }).waitFor({ timeout: 30_000 });
    await n.getByLabel("Antwort", { exact: true }).fill(T.newcomerReply);
    await reply(n).getByRole("button", { name: "Senden" }).click();
    await staffMessages(n).filter({ hasText: T.newcomerReply }).waitFor({ timeout: 30_000 });
    await c.locator(".timeline__message", { hasText: T.newcomerReply }).waitFor({ timeout: 30_000 });
    expect(await c.locator(".timeline__message", { hasText: "kann nicht entschlüsselt werden" }).count()).toBe(0);
    expect(await c.evaluate(() => (window as unknown as Record<string, unknown>).obhutStillOpen)).toBe(true);
    violations.push(...(await axeAt360(c, "client case (an answer from a new team member)")));

    expect(violations).toEqual([]);
    for (const actor of [client, counsellor, admin, newcomer]) {
      expect(actor.pageErrors).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
    }
  });
});
