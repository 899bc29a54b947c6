// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import { seedInboxCases } from "../src/seed-cases";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16, the inbox a page at a time, in real Chromium against `obhut serve --demo`: 55 new enquiries
 * seeded into the team of demo-beraterin (the bench's way, src/seed-cases.ts), then a real client writes in
 * while the counsellor looks at the inbox. The list shows 50 and says so ("50 von 56 Fällen", the total
 * following live); "Weitere anzeigen" appends the rest, moves the focus to the first case it added and
 * announces the new count politely; j/k move across the pages' border; the real enquiry — on the second
 * page, having waited the shortest time — opens beside the list and decrypts. Axe at 1280 and 360 px.
 */
let stack: Stack;
let counsellor: Actor;
let client: Actor;
const failed: string[] = [];
const violations: string[] = [];

const SEEDED = 55;
const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const stamp = Date.now().toString(36);
const CLIENT = { username: `seite-zwei-${stamp}`, message: "Guten Tag, ich warte erst seit eben auf Antwort." };

async function axeAt(page: Page, label: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of [VIEWPORTS.desktop, VIEWPORTS.mobile]) {
    await page.setViewportSize(size);
    violations.push(...(await axeViolations(page)).map((v) => `${label} @${size.width}: ${v}`));
  }
  if (original) await page.setViewportSize(original);
}

const list = (page: Page) => page.getByRole("list", { name: "Fälle", exact: true });
const caseLinks = (page: Page) => list(page).getByRole("listitem").getByRole("link");
const more = (page: Page) => page.getByRole("button", { name: "Weitere anzeigen" });

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  await seedInboxCases(stack, { count: SEEDED, kind: () => "new", prefix: "gesehen" });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  for (const actor of [counsellor, client]) await useLanguage(actor.context, "de");
  counsellor.context.on("response", (response) => {
    if (response.status() < 400) return;
    const line = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
    // The session probe before login answers 401; everything else must succeed.
    if (!/^401 GET \/api\//.test(line)) failed.push(line);
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("the inbox, a page at a time", () => {
  it("shows the first 50 of the view and says how many there are", async () => {
    const page = counsellor.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await expect.poll(() => caseLinks(page).count()).toBe(50);
    await page.getByText(`50 von ${SEEDED} Fällen`).waitFor();
    await more(page).waitFor();
    await axeAt(page, "inbox (first page)");
  });

  it("a new enquiry arriving live counts in at once", async () => {
    violations.push(
      ...(await clientEnquiry(client.page, {
        texts: CLIENT_TEXTS.de,
        username: CLIENT.username,
        password: PASSWORD,
        message: CLIENT.message,
      })),
    );
    const page = counsellor.page;
    // Waiting the shortest time of all, it is on the second page; the count says it is there.
    await page.getByText(`50 von ${SEEDED + 1} Fällen`).waitFor({ timeout: 30_000 });
    expect(await caseLinks(page).count()).toBe(50);
    expect(await list(page).getByRole("link", { name: CLIENT.username }).count()).toBe(0);
  });

  it("'Weitere anzeigen' appends the next page, focuses its first case and announces the count", async () => {
    const page = counsellor.page;
    const fiftieth = (await caseLinks(page).nth(49).textContent())!;
    await more(page).click();
    await expect.poll(() => caseLinks(page).count()).toBe(SEEDED + 1);
    const fiftyFirst = (await caseLinks(page).nth(50).textContent())!;
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(fiftyFirst);
    await page
      .getByRole("status")
      .filter({ hasText: `6 weitere Fälle geladen. Jetzt ${SEEDED + 1} von ${SEEDED + 1} angezeigt.` })
      .waitFor();
    await page.getByText(`${SEEDED + 1} von ${SEEDED + 1} Fällen`).waitFor();
    // The last page: nothing more to show.
    expect(await more(page).count()).toBe(0);
    // j/k cross the border between the pages.
    await page.keyboard.press("k");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(fiftieth);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      await caseLinks(page).nth(51).textContent(),
    );
    await axeAt(page, "inbox (two pages)");
  });

  it("opens the real enquiry from the second page beside the list", async () => {
    const page = counsellor.page;
    // Longest waiting first: the enquiry that came last is the last case.
    expect(await caseLinks(page).last().textContent()).toBe(CLIENT.username);
    await list(page).getByRole("link", { name: CLIENT.username }).click();
    await page.waitForURL(/\/inbox\?.*case=/, { waitUntil: "commit" });
    await page.locator("ol.message-list li", { hasText: CLIENT.message }).waitFor({ timeout: 30_000 });
    // The list keeps both pages while the case is open.
    expect(await caseLinks(page).count()).toBe(SEEDED + 1);
    await axeAt(page, "case from the second page");
  });

  it("no request failed, nothing was logged as an error, axe found nothing", () => {
    expect(failed).toEqual([]);
    expect(counsellor.pageErrors).toEqual([]);
    expect(counsellor.consoleErrors).toEqual([]);
    expect(violations).toEqual([]);
  });
});
