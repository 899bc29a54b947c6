// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16, Team-Chats, in real Chromium against `obhut serve --demo`: two counsellors of Team Familienberatung,
 * Frau Berger (demo-beraterin, desktop) and Herr Roth (demo-berater, phone width), reach "Team-Chats" from the
 * staff shell by clicking. She starts a team chat with her team and gives it a title; he sees it by that title
 * (sealed in her browser, opened in his) with its unread mark, reads her message (decrypted in his browser, with
 * her name) and answers, and she gets the answer live. He finds her by the name she chose ("Name suchen") and
 * starts a direct chat with her, which appears in her open list at once, and they write there; members and
 * senders are named by their chosen names. She removes him from the team chat: the member list shows it, her
 * next message goes under a new key made by her browser, his open chat does not show it and the chat leaves his
 * list while the direct chat goes on. He leaves another team chat she starts ("Chat verlassen"); her next message
 * there gets a new key; she adds him back ("Kollegin oder Kollegen hinzufügen": her browser wraps the chat's
 * current key to him) and he reads her next message. Issue #16's rest (ADR 0040): she mentions him with "@" (the
 * composer is a combobox with a listbox of the members, used by keyboard) and he sees the mention highlighted and
 * marked for him; he answers with a file, which she downloads decrypted, byte for byte. axe at desktop width and
 * at 360 px, also with the mention list open.
 */
let stack: Stack;
let berger: Actor;
let roth: Actor;
const violations: string[] = [];

const T = {
  title: "Offene Sprechstunde",
  first: "Guten Morgen, wer übernimmt heute die offene Sprechstunde?",
  answer: "Ich übernehme sie, ab zehn Uhr.",
  direct: "Kurze Frage unter uns: Hast du morgen Zeit für die Fallbesprechung?",
  directAnswer: "Ja, um elf passt es mir.",
  afterRemoval: "Ab jetzt planen wir die Sprechstunde zu zweit mit Frau Leitner.",
  directAfter: "Danke, bis morgen.",
  second: "Fallbesprechung",
  afterLeaving: "Dann besprechen wir den Fall zu zweit.",
  mention: "übernehmen Sie heute die Sprechstunde?",
  afterAdding: "Schön, dass Sie wieder dabei sind.",
  fileName: "Dienstplan.txt",
  fileText: "Sprechstunde Montag: Herr Roth, 10 bis 12 Uhr.",
};

const nav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const messages = (page: Page) => page.locator('ol.message-list[aria-label="Nachrichten"] > li');

async function openChats(page: Page): Promise<void> {
  await nav(page).getByRole("link", { name: "Team-Chats", exact: true }).click();
  await page.waitForURL("**/chats");
  await page.getByRole("heading", { level: 1, name: "Team-Chats" }).waitFor();
}

async function write(page: Page, text: string): Promise<void> {
  await page.getByLabel("Nachricht", { exact: true }).fill(text);
  await page
    .locator("form", { has: page.getByLabel("Nachricht", { exact: true }) })
    .getByRole("button", { name: "Senden" })
    .click();
  await messages(page).filter({ hasText: text }).waitFor({ timeout: 30_000 });
}

async function axeHere(page: Page, label: string): Promise<void> {
  violations.push(...(await axeViolations(page)).map((v) => `${label} (desktop): ${v}`));
  violations.push(...(await axeAt360(page, label)));
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  berger = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  roth = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile });
  for (const actor of [berger, roth]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("team chats and direct chats among staff", () => {
  it("Frau Berger starts a team chat with her team from the staff shell and writes", async () => {
    const page = berger.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await openChats(page);
    await page.getByText("Sie haben noch keine Chats.").waitFor();
    await axeHere(page, "chats, empty");

    await page.getByLabel("Team-Chat mit einem Ihrer Teams").check();
    await page.getByLabel("Team", { exact: true }).selectOption({ label: "Team Familienberatung" });
    await page.getByLabel("Titel (freiwillig)").fill(T.title);
    await page.getByRole("button", { name: "Chat beginnen" }).click();
    await page.getByRole("heading", { level: 2, name: T.title }).waitFor({ timeout: 30_000 });
    const members = page.getByRole("list", { name: "Mitglieder" });
    await members.getByText("Herr Roth", { exact: true }).waitFor();
    await members.getByText("Frau Leitner", { exact: true }).waitFor();
    await write(page, T.first);
    await axeHere(page, "team chat, open");

    // "@" offers the chat's members; the arrow keys move, Enter writes the name into the text.
    const box = page.getByRole("combobox", { name: "Nachricht", exact: true });
    await box.pressSequentially("@Ro");
    const list = page.getByRole("listbox", { name: "Mitglieder zum Erwähnen" });
    await list.getByRole("option", { name: "Herr Roth", selected: true }).waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await axeHere(page, "team chat, mention list open");
    await box.press("Enter");
    await expect.poll(() => box.inputValue()).toBe("@Herr Roth ");
    await expect.poll(() => list.count()).toBe(0);
    await box.pressSequentially(T.mention);
    await page.locator("form", { has: box }).getByRole("button", { name: "Senden" }).click();
    const sent = messages(page).filter({ hasText: T.mention });
    await sent.locator("mark", { hasText: "@Herr Roth" }).waitFor({ timeout: 30_000 });
  });

  it("Herr Roth sees the chat with its unread mark, reads her message and answers; she gets it live", async () => {
    const page = roth.page;
    await counsellorLogin(page, stack, "demo-berater");
    await openChats(page);
    // The title was sealed in her browser and opens in his.
    const entry = page.getByRole("button", { name: new RegExp(`^${T.title}.*2 neu$`) });
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const first = messages(page).filter({ hasText: T.first });
    await first.waitFor({ timeout: 30_000 });
    await first.getByText(/^Frau Berger · /).waitFor();
    // The mention of him: highlighted, and the message says it mentions him.
    const mention = messages(page).filter({ hasText: T.mention });
    await mention.locator("mark", { hasText: "@Herr Roth" }).waitFor();
    await mention.getByText("erwähnt Sie").waitFor();
    expect(await first.getByText("erwähnt Sie").count()).toBe(0);

    // He answers with a file, sealed in his browser like in a client's case.
    await page.getByLabel("Datei anhängen").setInputFiles({
      name: T.fileName,
      mimeType: "text/plain",
      buffer: Buffer.from(T.fileText),
    });
    await write(page, T.answer);
    await axeHere(page, "team chat, phone");

    const answer = messages(berger.page).filter({ hasText: T.answer });
    await answer.waitFor({ timeout: 30_000 });
    await answer.getByText(/^Herr Roth · /).waitFor();
    const file = answer.locator("button", { hasText: T.fileName });
    await file.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([berger.page.waitForEvent("download"), file.click()]);
    expect((await readFile((await download.path())!)).toString("utf8")).toBe(T.fileText);
  });

  it("a direct chat works both ways", async () => {
    const page = roth.page;
    await page.getByLabel("Direktchat mit einer Kollegin oder einem Kollegen").check();
    // Found by the name she chose; the list shows it with her login name.
    await page.getByLabel("Name suchen").fill("Berger");
    await page
      .getByLabel("Kollegin oder Kollege", { exact: true })
      .selectOption({ label: "Frau Berger (demo-beraterin)" });
    await page.getByRole("button", { name: "Chat beginnen" }).click();
    await page.getByRole("heading", { level: 2, name: "Direktchat mit Frau Berger" }).waitFor({ timeout: 30_000 });
    await write(page, T.direct);

    // Frau Berger's open Team-Chats page lists the new chat at once (conversation_updated), without a reload.
    const w = berger.page;
    await w.getByRole("button", { name: /^Direktchat mit Herr Roth.*1 neu$/ }).click();
    await messages(w).filter({ hasText: T.direct }).waitFor({ timeout: 30_000 });
    await write(w, T.directAnswer);
    await messages(page).filter({ hasText: T.directAnswer }).waitFor({ timeout: 30_000 });
  });

  it("she removes him from the team chat: her next message gets a new key, and he no longer sees the chat", async () => {
    const w = berger.page;
    const page = roth.page;
    // He keeps the team chat open.
    await page.getByRole("button", { name: T.title }).click();
    await messages(page).filter({ hasText: T.answer }).waitFor({ timeout: 30_000 });

    await w.getByRole("button", { name: T.title }).click();
    await messages(w).filter({ hasText: T.answer }).waitFor({ timeout: 30_000 });
    await w.getByRole("button", { name: "Herr Roth entfernen", exact: true }).click();
    await w.getByText("Herr Roth kann danach keine neuen Nachrichten dieses Chats mehr lesen.").waitFor();
    await w.getByRole("button", { name: "Herr Roth jetzt entfernen" }).click();
    await w.getByRole("status").filter({ hasText: "Herr Roth wurde aus dem Chat entfernt." }).waitFor();
    const members = w.getByRole("list", { name: "Mitglieder" });
    await expect.poll(() => members.getByText("Herr Roth", { exact: true }).count()).toBe(0);
    await members.getByText("Frau Leitner", { exact: true }).waitFor();
    await axeHere(w, "team chat, member removed");

    await write(w, T.afterRemoval);
    await w.getByText(/Neuer Schlüssel erstellt/).waitFor({ timeout: 30_000 });
    // Then a message in the direct chat, which he still has: once it is marked new on his side, the team chat's
    // message was sent before it.
    await w.getByRole("button", { name: /^Direktchat mit Herr Roth/ }).click();
    await write(w, T.directAfter);

    await page.getByRole("button", { name: /^Direktchat mit Frau Berger.*1 neu$/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole("button", { name: T.title }).count()).toBe(0);
    expect(await page.getByText(T.afterRemoval).count()).toBe(0);
    // Coming back to Team-Chats he has the direct chat only.
    await nav(page).getByRole("link", { name: "Posteingang", exact: true }).click();
    await page.waitForURL(/\/inbox(\?|$)/);
    await openChats(page);
    await page.getByRole("button", { name: /^Direktchat mit Frau Berger/ }).click();
    await messages(page).filter({ hasText: T.directAfter }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("button", { name: T.title }).count()).toBe(0);
    expect(await page.getByText(T.afterRemoval).count()).toBe(0);
  });

  it("he leaves a team chat she starts: it leaves his list, and her next message there gets a new key", async () => {
    const w = berger.page;
    const page = roth.page;
    await w.getByLabel("Team-Chat mit einem Ihrer Teams").check();
    await w.getByLabel("Team", { exact: true }).selectOption({ label: "Team Familienberatung" });
    await w.getByLabel("Titel (freiwillig)").fill(T.second);
    await w.getByRole("button", { name: "Chat beginnen" }).click();
    await w.getByRole("heading", { level: 2, name: T.second }).waitFor({ timeout: 30_000 });

    // It appears in his open list by itself; he opens it and leaves.
    await page.getByRole("button", { name: T.second }).click({ timeout: 30_000 });
    await page.getByRole("button", { name: "Chat verlassen" }).click();
    await page.getByText("Sie können danach keine neuen Nachrichten dieses Chats mehr lesen.").waitFor();
    await axeHere(page, "team chat, leaving");
    await page.getByRole("button", { name: "Chat jetzt verlassen" }).click();
    await expect.poll(() => page.getByRole("button", { name: T.second }).count()).toBe(0);

    await write(w, T.afterLeaving);
    await w.getByText(/Neuer Schlüssel erstellt/).waitFor({ timeout: 30_000 });
    expect(await page.getByText(T.afterLeaving).count()).toBe(0);

    // She adds him back: her browser wraps the chat's current key to him, and the chat is in his list again.
    await w.getByLabel("Kollegin oder Kollegen hinzufügen").selectOption({ label: "Herr Roth (demo-berater)" });
    await w.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await w
      .getByRole("status")
      .filter({ hasText: "Herr Roth wurde zum Chat hinzugefügt." })
      .waitFor({ timeout: 30_000 });
    await w.getByRole("list", { name: "Mitglieder" }).getByText("Herr Roth", { exact: true }).waitFor();
    await write(w, T.afterAdding);
    await page.getByRole("button", { name: new RegExp(`^${T.second}`) }).click({ timeout: 30_000 });
    await messages(page).filter({ hasText: T.afterAdding }).waitFor({ timeout: 30_000 });
  });

  it("has no accessibility violations and no page or console errors", () => {
    expect(violations).toEqual([]);
    for (const a of [berger, roth]) {
      expect(a.pageErrors, a.name).toEqual([]);
      expect(a.consoleErrors, a.name).toEqual([]);
    }
  });
});
