// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin, staffMessages } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16 (inbox and case workspace), in real Chromium against
 * `obhut serve --demo`: at 1280 px the inbox shows the selected case next to
 * its list, with the reply box in view; the address follows the selection
 * (back and forward). A counsellor works through three cases with the keyboard
 * only — j/k, Enter, r, Escape, ? — and the shortcuts never fire while she
 * types. At 360 px the case is its own page as before. axe at both widths.
 */
let stack: Stack;
let counsellor: Actor;
const clients: Actor[] = [];
const violations: string[] = [];
const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const DESKTOP = { width: 1280, height: 800 };
const stamp = Date.now().toString(36);
const PEOPLE = [
  { username: `ahorn-${stamp}`, message: "Guten Tag, mein Sohn will nicht mehr zur Schule gehen." },
  { username: `birke-${stamp}`, message: "Hallo, ich weiß nicht, wie ich mit meiner Mutter reden soll." },
  { username: `eiche-${stamp}`, message: "Wir haben Streit wegen Geld, jede Woche." },
];

const ORDER = [...PEOPLE].reverse();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const selectedCase = (page: Page) => new URL(page.url()).searchParams.get("case");
const workspaceTitle = (page: Page) => page.getByRole("heading", { level: 2, name: /^Fall: / });

async function axeHere(page: Page, label: string): Promise<void> {
  violations.push(...(await axeViolations(page)).map((v) => `${label}: ${v}`));
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  counsellor = await stack.actor("counsellor", { viewport: DESKTOP });
  await useLanguage(counsellor.context, "de");
  for (const [i, person] of PEOPLE.entries()) {
    const actor = await stack.actor(`client-${i}`, { viewport: VIEWPORTS.mobile });
    await useLanguage(actor.context, "de");
    clients.push(actor);
    violations.push(
      ...(await clientEnquiry(actor.page, {
        texts: CLIENT_TEXTS.de,
        username: person.username,
        password: PASSWORD,
        message: person.message,
      })),
    );
  }
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("the counsellor's workspace at 1280 px: split view and keyboard", () => {
  it("accepting three enquiries from the list; the list stays while a case opens beside it", async () => {
    const page = counsellor.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    const list = page.getByRole("list", { name: "Fälle" });
    for (const person of PEOPLE) {
      await page.getByRole("group", { name: "Ansicht" }).getByRole("button", { name: "Neue Anfragen" }).click();
      const card = list.getByRole("listitem").filter({ hasText: person.username });
      await card.getByRole("button", { name: /^Übernehmen/ }).click({ timeout: 30_000 });
      await page.getByText(`Sie haben die Anfrage von ${person.username} übernommen`).waitFor();
    }
    await list.getByRole("listitem").filter({ hasText: PEOPLE[2]!.username }).waitFor();
    await expect.poll(() => list.getByRole("listitem").count()).toBe(3);
    // Newest first: an order that does not change when a case is answered (waiting time would).
    await page.getByLabel("Sortieren nach").selectOption({ label: "Neueste Anfragen zuerst" });
    await expect
      .poll(async () => (await list.getByRole("link").allTextContents()).map((x) => x.trim()))
      .toEqual(ORDER.map((p) => p.username));
    expect(await page.getByText("Wählen Sie links einen Fall aus.").count()).toBe(1);

    // Opening a case keeps the very same list element (no page change) and names the case in the address.
    await list.evaluate((el) => el.setAttribute("data-kept", "yes"));
    await list.getByRole("link", { name: PEOPLE[0]!.username }).click();
    await workspaceTitle(page).filter({ hasText: PEOPLE[0]!.username }).waitFor({ timeout: 30_000 });
    await staffMessages(page).filter({ hasText: PEOPLE[0]!.message }).waitFor({ timeout: 30_000 });
    expect(await list.getAttribute("data-kept")).toBe("yes");
    expect(new URL(page.url()).pathname).toBe("/inbox");
    expect(selectedCase(page)).not.toBeNull();
    // The reply box is in view without scrolling.
    expect(await page.getByLabel("Antwort", { exact: true }).isVisible()).toBe(true);
    const box = await page.getByLabel("Antwort", { exact: true }).boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(DESKTOP.height);
    await axeHere(page, "split view @1280");
  }, 240_000);

  it("? opens the shortcut help: focus stays inside, Escape closes it and focus returns", async () => {
    const page = counsellor.page;
    const link = page.getByRole("list", { name: "Fälle" }).getByRole("link", { name: ORDER[0]!.username });
    await link.focus();
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Tastenkürzel im Posteingang" });
    await dialog.waitFor();
    expect(await dialog.getByText("Zum Antwortfeld springen").count()).toBe(1);
    await axeHere(page, "shortcut help @1280");
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe(ORDER[0]!.username);
  });

  it("works through three cases by keyboard only: j/k, Enter, r, typing, Escape, r, send", async () => {
    const page = counsellor.page;
    const seen: string[] = [];
    // Focus sits on the first case's link (the previous step); k at the top stays there.
    await page.keyboard.press("k");
    expect(await focused(page)).toBe(ORDER[0]!.username);
    for (const [i, person] of ORDER.entries()) {
      if (i > 0) {
        await page.keyboard.press("j");
        expect(await focused(page)).toBe(person.username);
      }
      await page.keyboard.press("Enter");
      await workspaceTitle(page).filter({ hasText: person.username }).waitFor({ timeout: 30_000 });
      await staffMessages(page).filter({ hasText: person.message }).waitFor({ timeout: 30_000 });
      seen.push(selectedCase(page)!);

      await page.keyboard.press("r");
      expect(await focusedId(page)).toBe("case-reply");
      // j, k, o, r and ? are typed, not obeyed.
      const reply = `Guten Tag, ja: jetzt kümmern wir uns darum (Fall ${i + 1})? Ok.`;
      await page.keyboard.type(reply);
      expect(await page.getByLabel("Antwort", { exact: true }).inputValue()).toBe(reply);
      expect(await page.getByRole("dialog").count()).toBe(0);
      expect(selectedCase(page)).toBe(seen[i]);
      // Escape leaves the box for the case in the list; r comes back to the text.
      await page.keyboard.press("Escape");
      expect(await focused(page)).toBe(person.username);
      await page.keyboard.press("r");
      expect(await page.getByLabel("Antwort", { exact: true }).inputValue()).toBe(reply);
      // From the box: past "Textbaustein einfügen" and the file field to "Senden".
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await focused(page)).toBe("Senden");
      await page.keyboard.press("Enter");
      await staffMessages(page).filter({ hasText: reply }).waitFor({ timeout: 30_000 });
    }
    expect(new Set(seen).size).toBe(3);
    // The arrows move in the list too.
    await page.keyboard.press("k");
    expect(await focused(page)).toBe(ORDER[1]!.username);
    await page.keyboard.press("ArrowUp");
    expect(await focused(page)).toBe(ORDER[0]!.username);
    await page.keyboard.press("ArrowDown");
    expect(await focused(page)).toBe(ORDER[1]!.username);
    await page.keyboard.press("o");
    await workspaceTitle(page).filter({ hasText: ORDER[1]!.username }).waitFor();

    // Back shows the case opened before, forward the later one: the address holds the selection.
    await page.goBack();
    await workspaceTitle(page).filter({ hasText: ORDER[2]!.username }).waitFor();
    expect(selectedCase(page)).toBe(seen[2]);
    await page.goForward();
    await workspaceTitle(page).filter({ hasText: ORDER[1]!.username }).waitFor();
    expect(selectedCase(page)).toBe(seen[1]);
    await staffMessages(page).filter({ hasText: ORDER[1]!.message }).waitFor({ timeout: 30_000 });
  }, 240_000);

  it("the client reads the answer", async () => {
    // The first client's reply was the last of the three.
    const c = clients[0]!.page;
    await c.getByText("(Fall 3)? Ok.").waitFor({ timeout: 30_000 });
  });

  it("at 360 px the list and the case are separate pages, as before", async () => {
    const page = counsellor.page;
    await page.setViewportSize(VIEWPORTS.mobile);
    // Made narrow with a case open, the case stays (nothing typed is lost); back to the inbox is the list alone.
    await workspaceTitle(page).filter({ hasText: ORDER[1]!.username }).waitFor();
    await axeHere(page, "open case, narrowed @360");
    await page.getByRole("link", { name: "Zurück zum Posteingang" }).click();
    await expect.poll(() => workspaceTitle(page).count()).toBe(0);
    await page.getByRole("link", { name: PEOPLE[1]!.username }).click();
    await page.waitForURL(/\/inbox\/case\?id=/);
    await page.getByRole("heading", { level: 1, name: `Fall: ${PEOPLE[1]!.username}` }).waitFor({ timeout: 30_000 });
    await staffMessages(page).filter({ hasText: PEOPLE[1]!.message }).waitFor({ timeout: 30_000 });
    await axeHere(page, "case page @360");
    await page.getByRole("link", { name: "Zurück zum Posteingang" }).click();
    await page.getByRole("list", { name: "Fälle" }).waitFor();
    await axeHere(page, "inbox @360");
  }, 120_000);

  it("nothing failed in the browser, axe found nothing", () => {
    expect(counsellor.pageErrors).toEqual([]);
    expect(counsellor.consoleErrors).toEqual([]);
    expect(violations).toEqual([]);
  });
});
