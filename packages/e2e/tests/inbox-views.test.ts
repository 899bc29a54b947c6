// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16 (inbox and case workspace), in real Chromium against
 * `obhut serve --demo`: a counsellor at a desktop and two clients. The
 * active view is marked (aria-pressed and more than colour); accepting an
 * enquiry from the list shows it under "Meine Fälle" with a polite notice;
 * an enquiry with an attachment counts as one unread message; the sort by
 * waiting time puts the longest waiting first; the staff pages answer no
 * request with 404 and log no error; axe is clean at 1366 and 390 px.
 */
let stack: Stack;
let counsellor: Actor;
let first: Actor;
let second: Actor;
const failed: string[] = [];
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const stamp = Date.now().toString(36);
const FIRST = {
  username: `wolke-${stamp}`,
  message: "Guten Tag, ich brauche Rat wegen meiner Tochter und der Schule.",
};
const SECOND = { username: `nebel-${stamp}`, message: "Hallo, wir streiten uns seit Wochen nur noch zu Hause." };
const FILE = { name: "zeugnis-halbjahr.txt", mimeType: "text/plain", buffer: Buffer.from("Halbjahreszeugnis\n") };

async function axeAt(page: Page, label: string): Promise<void> {
  const original = page.viewportSize();
  for (const size of [WIDE, PHONE]) {
    await page.setViewportSize(size);
    violations.push(...(await axeViolations(page)).map((v) => `${label} @${size.width}: ${v}`));
  }
  if (original) await page.setViewportSize(original);
}

const viewButton = (page: Page, name: string) =>
  page.getByRole("group", { name: "Ansicht" }).getByRole("button", { name });
const cards = (page: Page) => page.locator(".case-list .case-card");
const card = (page: Page, username: string) => cards(page).filter({ hasText: username });

/** What marks a view button, apart from aria-pressed: its font weight, underline and the tick before it. */
async function looks(page: Page, name: string) {
  return viewButton(page, name).evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      weight: style.fontWeight,
      underline: style.textDecorationLine,
      tick: getComputedStyle(el, "::before").content,
    };
  });
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  counsellor = await stack.actor("counsellor", { viewport: WIDE });
  first = await stack.actor("client-1", { viewport: VIEWPORTS.mobile });
  second = await stack.actor("client-2", { viewport: VIEWPORTS.mobile });
  for (const actor of [counsellor, first, second]) await useLanguage(actor.context, "de");
  counsellor.context.on("response", (response) => {
    if (response.status() < 400) return;
    const line = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
    // The session probe before login answers 401; everything else must succeed.
    if (!/^401 GET \/api\//.test(line)) failed.push(line);
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("the counsellor's inbox: views, accepting, unread, sort", () => {
  it("marks the active view for everyone: aria-pressed, bold, underlined, ticked", async () => {
    const page = counsellor.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await expect.poll(() => viewButton(page, "Neue Anfragen").getAttribute("aria-pressed")).toBe("true");
    expect(await viewButton(page, "Meine Fälle").getAttribute("aria-pressed")).toBe("false");
    const active = await looks(page, "Neue Anfragen");
    const other = await looks(page, "Meine Fälle");
    expect(active).toMatchObject({ weight: "700", underline: "underline" });
    expect(active.tick).toContain("✓");
    expect(other.underline).not.toBe("underline");
    expect(other.tick).toBe("none");

    // By keyboard: the other views, and back.
    await viewButton(page, "Fälle meiner Teams").press("Enter");
    await expect.poll(() => viewButton(page, "Fälle meiner Teams").getAttribute("aria-pressed")).toBe("true");
    expect(await viewButton(page, "Neue Anfragen").getAttribute("aria-pressed")).toBe("false");
    await viewButton(page, "Neue Anfragen").press("Space");
    await expect.poll(() => viewButton(page, "Neue Anfragen").getAttribute("aria-pressed")).toBe("true");
    await axeAt(page, "inbox (empty)");
  });

  it("two clients write in; the one with an attachment counts one unread message", async () => {
    violations.push(
      ...(await clientEnquiry(first.page, {
        texts: CLIENT_TEXTS.de,
        username: FIRST.username,
        password: PASSWORD,
        message: FIRST.message,
        file: FILE,
      })),
    );
    violations.push(
      ...(await clientEnquiry(second.page, {
        texts: CLIENT_TEXTS.de,
        username: SECOND.username,
        password: PASSWORD,
        message: SECOND.message,
      })),
    );
    const page = counsellor.page;
    // Live, without reloading: both enquiries appear in "new".
    await card(page, SECOND.username).waitFor({ timeout: 30_000 });
    await card(page, FIRST.username).waitFor();
    await expect.poll(() => card(page, FIRST.username).textContent()).toContain("1 ungelesen");
    expect(await card(page, SECOND.username).textContent()).toContain("1 ungelesen");
  });

  it("sorts by waiting time (longest first), by the client's last message and by newest", async () => {
    const page = counsellor.page;
    const order = async () =>
      (await cards(page).allTextContents())
        .map((text) => (text.includes(FIRST.username) ? "first" : text.includes(SECOND.username) ? "second" : null))
        .filter(Boolean);
    const sort = page.getByLabel("Sortieren nach");
    expect(await sort.inputValue()).toBe("waiting");
    expect(await order()).toEqual(["first", "second"]);
    // The select is a native one: reachable and changeable by keyboard.
    await sort.focus();
    await sort.selectOption({ label: "Neueste Anfragen zuerst" });
    await expect.poll(order).toEqual(["second", "first"]);
    await sort.selectOption({ label: "Letzte Nachricht der ratsuchenden Person" });
    await expect.poll(order).toEqual(["second", "first"]);
    await sort.selectOption({ label: "Wartezeit (am längsten zuerst)" });
    await expect.poll(order).toEqual(["first", "second"]);
  });

  it("accepting from the list shows the case under 'Meine Fälle' with a polite notice", async () => {
    const page = counsellor.page;
    await card(page, FIRST.username)
      .getByRole("button", { name: /^Übernehmen/ })
      .click();
    const notice = page.locator("p[role=status].notice--success");
    await notice.filter({ hasText: `Sie haben die Anfrage von ${FIRST.username} übernommen` }).waitFor();
    await expect.poll(() => viewButton(page, "Meine Fälle").getAttribute("aria-pressed")).toBe("true");
    expect(await viewButton(page, "Neue Anfragen").getAttribute("aria-pressed")).toBe("false");
    await card(page, FIRST.username).waitFor();
    expect(await card(page, SECOND.username).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("view")).toBe("mine");
    await axeAt(page, "inbox (accepted)");

    // At this width the case opens beside the list (issue 16): it decrypts (the client's key pinned from
    // epoch 1, no key directory asked), and "back to the inbox" closes it to "mine".
    await card(page, FIRST.username).getByRole("link", { name: FIRST.username }).click();
    await page.waitForURL(/\/inbox\?.*case=/);
    await page.locator("ol.message-list li", { hasText: FIRST.message }).waitFor({ timeout: 30_000 });
    await page.locator("ol.message-list button", { hasText: FILE.name }).waitFor({ timeout: 30_000 });
    await axeAt(page, "case (accepted)");
    await page.getByRole("link", { name: "Zurück zum Posteingang" }).click();
    await page.waitForURL(/\/inbox\?view=mine$/);
    await expect.poll(() => viewButton(page, "Meine Fälle").getAttribute("aria-pressed")).toBe("true");
    await card(page, FIRST.username).waitFor();
  });

  it("no request of the staff pages failed, nothing was logged as an error, axe found nothing", () => {
    expect(failed).toEqual([]);
    expect(counsellor.pageErrors).toEqual([]);
    expect(counsellor.consoleErrors).toEqual([]);
    expect(counsellor.cspViolations).toEqual([]);
    expect(violations).toEqual([]);
  });
});
