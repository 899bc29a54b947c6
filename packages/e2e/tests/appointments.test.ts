// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLanguage, VIEWPORTS } from "../src/app";
import { viaStaffShell } from "../src/accounts";
import type { Actor } from "../src/browser";
import { acceptEnquiry, axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Appointment booking (issue #20, ADR 0052) in real Chromium against
 * `obhut serve --demo`: a counsellor publishes a weekly time window on
 * "Termine" by clicking; a client whose enquiry she took books a slot at
 * 360 px from the case page ("Termin vereinbaren"); the counsellor sees it on
 * "Termine", and her calendar feed says "Obhut-Termin" without the client's
 * pseudonym. axe at 360 px on each new page.
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
const violations: string[] = [];
const clientName = "termin-" + Date.now().toString(36);
const enquiry = "Ich hätte gern einen Termin.";

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile });
  for (const a of [client, counsellor]) await useLanguage(a.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("appointments", () => {
  it("a counsellor publishes a weekly time window on 'Termine'", async () => {
    const page = counsellor.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await viaStaffShell(page, "Termine", "/appointments");
    await page.getByRole("heading", { level: 1, name: "Termine" }).waitFor();
    await page.getByText("Keine Termine gebucht.").waitFor();
    await page.getByRole("button", { name: "Zeitfenster hinzufügen" }).click();
    const slot = page.getByRole("group", { name: "Zeitfenster 1" });
    // Every weekday comes round within the 14 days a client sees; the whole day leaves slots even late today.
    await slot.getByLabel("Wochentag").selectOption({ label: "Mittwoch" });
    await slot.getByLabel("Beginn").fill("08:00");
    await slot.getByLabel("Ende").fill("18:00");
    await page.getByRole("button", { name: "Verfügbarkeit speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Ihre Verfügbarkeit ist gespeichert." }).waitFor();
    violations.push(...(await axeAt360(page, "staff: Termine")));
  });

  it("a client books a slot from the case page at 360 px", async () => {
    const page = client.page;
    violations.push(
      ...(await clientEnquiry(page, {
        texts: CLIENT_TEXTS.de,
        username: clientName,
        password: "Ein langer Satz über Termine und Meer 4",
        message: enquiry,
      })),
    );
    await counsellor.page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: "Posteingang", exact: true })
      .click();
    await acceptEnquiry(counsellor.page, { client: clientName, enquiry });
    // Once the enquiry is taken, the case offers "Termin vereinbaren" (the page shows it when it is next opened).
    // The client goes back to the case through her menu (the keys stay in memory).
    await page.getByRole("link", { name: "Konto", exact: true }).click();
    await page.waitForURL("**/account");
    await page.getByRole("link", { name: "Meine Beratungen", exact: true }).click();
    await page.waitForURL("**/cases");
    await page.locator(".case-card a").first().click();
    await page.waitForURL(/\/case\?id=/);
    await page.getByRole("heading", { level: 2, name: "Termine" }).waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Termin vereinbaren" }).click();
    await page.waitForURL(/\/case\/appointment\?id=/);
    await page.getByRole("heading", { level: 1, name: "Termin vereinbaren" }).waitFor();
    await page.getByRole("group", { name: "Freie Termine" }).waitFor();
    violations.push(...(await axeAt360(page, "client: Termin vereinbaren")));
    // Nothing chosen yet: a clear message.
    await page.getByRole("button", { name: "Termin buchen" }).click();
    await page.getByTestId("booking-status").filter({ hasText: "Bitte wählen Sie einen Termin." }).waitFor();
    await page.getByLabel("Video", { exact: true }).check();
    await page.locator('input[name="appointment-slot"]').first().check();
    await page.getByRole("button", { name: "Termin buchen" }).click();
    await page.waitForURL(/\/case\?id=/);
    const booked = page.getByTestId("appointment");
    await booked.waitFor({ timeout: 30_000 });
    expect(await booked.textContent()).toMatch(/Mittwoch.*· Video$/);
    violations.push(...(await axeAt360(page, "client: case with appointment")));
  });

  it("the counsellor sees it on 'Termine'; her calendar feed names no one", async () => {
    const page = counsellor.page;
    await viaStaffShell(page, "Termine", "/appointments");
    const item = page.getByTestId("staff-appointment");
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toMatch(/Mittwoch.*· Video$/);
    await page.getByRole("button", { name: "Kalender-Abo einrichten" }).click();
    const address = page.getByTestId("feed-address");
    await address.waitFor();
    const feed = await page.request.get((await address.textContent())!);
    expect(feed.status()).toBe(200);
    const text = await feed.text();
    expect(text).toContain("SUMMARY:Obhut-Termin");
    expect(text).not.toContain(clientName);
    violations.push(...(await axeAt360(page, "staff: Termine with appointment and feed")));
    expect(violations).toEqual([]);
  });
});
