// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The client's conversation as a messenger (issue #15, item 6), in real
 * Chromium against `obhut serve --demo` whose organisation shares receipts
 * in case conversations: the client sends a photo with GPS metadata; the
 * picture shows as a preview that opens large (and closes with Escape or
 * "Schließen"); the counsellor's browser decrypts a file without any of
 * the metadata; the client's message says "Gesendet", then "Gelesen" once
 * the counsellor opened the case; a reply that arrives while the client is
 * elsewhere is preceded by "Neue Nachrichten" when they come back, and the
 * view opens there. Driven by visible names; axe at 360 px.
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const PHOTO_NAME = "spielplatz.jpg";
const ENQUIRY = "Guten Tag, ich schicke Ihnen ein Foto von dem Zettel, den mein Sohn mitgebracht hat.";
const REPLY = "Danke für das Foto. Wann hat Ihr Sohn den Zettel bekommen?";
/** Metadata the fixture carries (built by web/src/messaging/strip-metadata.test-util.ts): device, place, comment. */
const METADATA = ["Exif", "ObhutTestPhone", "Musterstadt Hinterhof 7", "aufgenommen zuhause", "ns.adobe.com"];

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(stack.dataDir, "obhut.sqlite"));
  try {
    // An admin would switch this on in the console (Richtlinien → Lesebestätigungen); the default is off.
    const org = db.prepare("SELECT id FROM organisations LIMIT 1").get() as { id: string };
    db.prepare(
      `INSERT INTO messaging_policies (organisation_id, direct_receipts, direct_typing, team_receipts, team_typing,
        case_receipts, case_typing, broadcast_receipts, broadcast_typing, notes_receipts, notes_typing,
        presence_staff, presence_clients, updated_by, updated_at) VALUES (?, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, NULL, ?)`,
    ).run(org.id, Date.now());
  } finally {
    db.close();
  }
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
  for (const actor of [client, counsellor]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

const ownMessage = (page: Page, text: string) => page.locator(".timeline .timeline__message--own", { hasText: text });
const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  // Scrolled to the top edge lands on a fraction of a pixel either side.
  return box !== null && box.y > -1 && box.y < height;
}

describe.sequential("the client's conversation like a messenger", () => {
  const username = "foto-" + Date.now().toString(36);

  it("a photo with GPS: preview that opens and closes; the message is 'Gesendet' while nobody read it", async () => {
    const photo = await readFile(new URL("../fixtures/photo-gps.jpg", import.meta.url));
    for (const text of METADATA) expect(photo.includes(Buffer.from(text)), text).toBe(true);
    violations.push(
      ...(await clientEnquiry(client.page, {
        texts: CLIENT_TEXTS.de,
        username,
        password: PASSWORD,
        message: ENQUIRY,
        file: { name: PHOTO_NAME, mimeType: "image/jpeg", buffer: photo },
      })),
    );
    const page = client.page;
    await ownMessage(page, ENQUIRY).getByText("Gesendet").waitFor();

    const open = page.getByRole("button", { name: `Bild öffnen: ${PHOTO_NAME}` });
    await open.waitFor({ timeout: 30_000 });
    // Decrypted in the browser and shown from an object URL.
    const preview = open.locator("img");
    expect(await preview.getAttribute("src")).toMatch(/^blob:/);
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 8,
      await preview.elementHandle(),
    );
    await open.click();
    const dialog = page.getByRole("dialog", { name: PHOTO_NAME });
    await dialog.waitFor();
    await dialog.getByRole("img", { name: PHOTO_NAME }).waitFor();
    violations.push(...(await axeAt360(page, "client case (picture open)")));
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await open.click();
    await dialog.getByRole("button", { name: "Schließen" }).click();
    await dialog.waitFor({ state: "hidden" });
    violations.push(...(await axeAt360(page, "client case (sent)")));
  });

  it("the counsellor decrypts the photo without its metadata; opening the case shows 'Gelesen' to the client", async () => {
    const w = counsellor.page;
    await counsellorLogin(w, stack, "demo-beraterin");
    await w.locator(".case-card", { hasText: username }).locator("a").click();
    await w.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
    await staffMessages(w).filter({ hasText: ENQUIRY }).waitFor({ timeout: 30_000 });

    const button = staffMessages(w).locator("button", { hasText: PHOTO_NAME });
    await button.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([w.waitForEvent("download"), button.click()]);
    const bytes = await readFile((await download.path())!);
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(METADATA.filter((text) => bytes.includes(Buffer.from(text)))).toEqual([]);
    // GPS IFD pointer tag (0x8825) in either byte order: gone with the Exif block.
    expect(bytes.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]))).toBe(false);
    expect(bytes.includes(Buffer.from("ICC_PROFILE"))).toBe(true);

    // The counsellor's page marked the conversation read: the client sees it live.
    await ownMessage(client.page, ENQUIRY).getByText("Gelesen").waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(client.page, "client case (read)")));

    await w.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    await w.locator("#case-reply").waitFor({ timeout: 30_000 });
  });

  it("a reply that arrives while the client is elsewhere: 'Neue Nachrichten' before it, and the view opens there", async () => {
    const c = client.page;
    await c.getByRole("link", { name: "Alle meine Beratungen" }).click();
    await c.waitForURL(/\/cases/);
    const w = counsellor.page;
    await w.fill("#case-reply", REPLY);
    await w.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await staffMessages(w).filter({ hasText: REPLY }).waitFor({ timeout: 30_000 });

    await c.getByRole("link", { name: `Gespräch mit ${CLIENT_TEXTS.de.agency} öffnen` }).click();
    await c.waitForURL(/\/case\?id=/);
    const marker = c.locator(".timeline__unread", { hasText: "Neue Nachrichten" });
    await marker.waitFor({ timeout: 30_000 });
    // The marker stands right before the reply, and the view opened at it.
    const next = c.locator(".timeline__unread + li");
    expect(await next.textContent()).toContain(REPLY);
    // Pictures above it decrypt and grow the page after it opened: the marker is held in view.
    await expect.poll(() => inViewport(c, marker), { timeout: 15_000 }).toBe(true);
    // Receipts come from the server's markers too, not only live frames.
    await ownMessage(c, ENQUIRY).getByText("Gelesen").waitFor();
    violations.push(...(await axeAt360(c, "client case (new messages)")));
  });

  it("no axe violations, no foreign requests, no CSP violations", () => {
    expect(violations).toEqual([]);
    for (const actor of [client, counsellor]) {
      expect(actor.foreignRequests()).toEqual([]);
      expect(actor.cspViolations).toEqual([]);
      expect(actor.pageErrors).toEqual([]);
    }
  });
});
