// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureRequestBodies, type SentBody } from "../src/accounts";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16 (a page for every route with a person's purpose), in real
 * Chromium against `obhut serve --demo`: on the case page a counsellor sees
 * how the client allows to be contacted (and that it follows the client's
 * own change), records a consent the client gave by phone — purpose,
 * recipient and ways by their names, who consented and how, the consent's
 * text shown in full and confirmed as what the client agreed to; what is
 * recorded is the hash of exactly that text —, checks a disclosure against
 * it (allowed for the phone, refused for e-mail, allowed on a legal basis
 * with a reason), sees the client find the consent in their own account,
 * and records its withdrawal after a confirmation; the same check is then
 * refused. Roles, labels and texts only; axe in German and English at both
 * widths with the forms open.
 */
let stack: Stack;
let counsellor: Actor;
let client: Actor;
let sent: SentBody[];
const violations: string[] = [];

const CLIENT = { username: `wiese-${Date.now().toString(36)}`, password: "Auf der Wiese blüht der Klee im Mai 3" };
const ENQUIRY = "Guten Tag, meine Tochter will nicht mehr zur Schule gehen. Ich weiß nicht weiter.";
const EXPECTED_CONSOLE = /status of 403/; // the refused forwarding check answers 403 forwarding_refused

const consentItem = (page: Page, purpose: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: purpose, exact: true }) });

/** Asks the forwarding gate from the case page's form: the youth welfare office, by this way. */
async function check(page: Page, props: { recipient: string; channel: string }): Promise<void> {
  const form = page.getByRole("form", { name: "Weitergabe prüfen" });
  await form.getByLabel("Zweck", { exact: true }).selectOption({ label: "Mitteilung an das Jugendamt" });
  await form.getByLabel("Empfänger", { exact: true }).fill(props.recipient);
  await form.getByLabel("Weg", { exact: true }).selectOption({ label: props.channel });
  await form.getByRole("button", { name: "Prüfen und dokumentieren" }).click();
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  for (const actor of [counsellor, client]) await useLanguage(actor.context, "de");
  sent = captureRequestBodies(counsellor.context);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("consents a counsellor records on a client's behalf", () => {
  it("the case page shows how the client may be contacted", async () => {
    await counsellorLogin(counsellor.page, stack, "demo-beraterin");
    await clientEnquiry(client.page, { texts: CLIENT_TEXTS.de, ...CLIENT, message: ENQUIRY });
    const p = counsellor.page;
    await p.getByRole("link", { name: CLIENT.username }).click({ timeout: 30_000 });
    await p.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
    const contact = p.getByRole("region", { name: "Wie die Person kontaktiert werden möchte" });
    await contact.waitFor({ timeout: 30_000 });
    expect(await contact.innerText()).toMatch(/Nachrichten in Obhut\s+erlaubt/);
    expect(await contact.innerText()).toMatch(/Anruf\s+nicht erlaubt/);
    await p.getByRole("region", { name: "Einwilligungen" }).getByText("Noch keine Einwilligungen.").waitFor();
  }, 180_000);

  it("the client allows calls in their account; the case page follows", async () => {
    const c = client.page;
    await c.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
    await c.getByRole("link", { name: "Meine Einwilligungen und Kontaktwege" }).click();
    await c.getByRole("checkbox", { name: "Anruf" }).check();
    await c.getByRole("button", { name: "Kontaktwege speichern" }).click();
    await c.getByRole("status").filter({ hasText: "Ihre Kontaktwege sind gespeichert." }).waitFor();

    const p = counsellor.page;
    await p.getByRole("link", { name: "Zurück zum Posteingang" }).click();
    await p.getByRole("group", { name: "Ansicht" }).getByRole("button", { name: "Meine Fälle" }).click();
    await p.getByRole("link", { name: CLIENT.username }).click();
    const contact = p.getByRole("region", { name: "Wie die Person kontaktiert werden möchte" });
    await contact.getByText(/Zuletzt geändert am/).waitFor({ timeout: 30_000 });
    expect(await contact.innerText()).toMatch(/Anruf\s+erlaubt/);
  }, 120_000);

  let shownText = "";

  it("records a consent given by phone: the text shown is what is recorded, by its hash", async () => {
    const p = counsellor.page;
    await p.getByRole("button", { name: "Einwilligung erfassen" }).click();
    const form = p.getByRole("form", { name: "Einwilligung erfassen" });
    await form.getByLabel("Zweck", { exact: true }).selectOption({ label: "Mitteilung an das Jugendamt" });
    await form.getByLabel("Empfänger (zum Beispiel „Jugendamt Mitte“)").fill("Jugendamt Mitte");
    await form.getByRole("checkbox", { name: "Telefon" }).check();
    await form.getByRole("checkbox", { name: "Brief" }).check();
    await form.getByRole("radio", { name: "mündlich (persönlich oder am Telefon)" }).check();
    const text = form.getByRole("region", { name: "Dem hat die Person zugestimmt" }).getByRole("paragraph");
    await expect(text.innerText()).resolves.toContain("an Jugendamt Mitte weitergibt, auf diesem Weg: Telefon, Brief");
    violations.push(...(await axeEverywhere(p, "case page, recording a consent")));

    // Not without the confirmation that the client agreed to exactly this text.
    await form.getByRole("button", { name: "Einwilligung speichern" }).click();
    await form.getByText("Bitte bestätigen Sie, dass die Person genau diesem Text zugestimmt hat.").waitFor();
    expect(sent.some((r) => r.method === "POST" && r.url.endsWith("/api/consents"))).toBe(false);

    // The text in the language it was read out in.
    await form.getByLabel("Sprache des Textes, den die Person gehört oder unterschrieben hat").selectOption({
      label: "Englisch",
    });
    await expect(text.innerText()).resolves.toContain("for the purpose “Informing the youth welfare office”");
    await form.getByLabel("Sprache des Textes, den die Person gehört oder unterschrieben hat").selectOption({
      label: "Deutsch",
    });
    shownText = await text.innerText();
    await form
      .getByRole("checkbox", {
        name: "Ich habe der Person genau diesen Text vorgelesen, oder das unterschriebene Formular hat denselben Inhalt.",
      })
      .check();
    await form.getByRole("button", { name: "Einwilligung speichern" }).click();
    await p.getByRole("status").filter({ hasText: "Die Einwilligung ist gespeichert" }).waitFor({ timeout: 30_000 });

    const request = sent.find((r) => r.method === "POST" && r.url.endsWith("/api/consents"))!;
    const body = JSON.parse(request.body!) as Record<string, unknown>;
    expect(body).toMatchObject({
      subject: { type: "case" },
      givenBy: "subject",
      capacity: "adult",
      purpose: "youth_office_report",
      recipients: ["Jugendamt Mitte"],
      channels: ["phone", "postal"],
      method: "verbal",
      language: "de",
      textSha256: createHash("sha256").update(shownText, "utf8").digest("hex"),
    });
    // No text, no names: the hash stands for the text.
    expect(request.body).not.toContain("Jugendamt Mitte weitergibt");

    const item = consentItem(p, "Mitteilung an das Jugendamt");
    await item.getByText("In Kraft").waitFor();
    await item
      .getByText("Rechtsgrundlage: Einwilligung (Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO)")
      .waitFor();
    await item.getByText(/Gegeben am .* \(mündlich\)/).waitFor();
    await item.getByText("Auf diesem Weg: Telefon, Brief").waitFor();
  }, 180_000);

  it("the client finds the consent in their own account", async () => {
    const c = client.page;
    await c.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
    await c.getByRole("link", { name: "Meine Einwilligungen und Kontaktwege" }).click();
    const mine = c.getByRole("region", { name: "Meine Einwilligungen", exact: true });
    await mine.getByText("Zweck: Mitteilung an das Jugendamt").first().waitFor({ timeout: 30_000 });
    await mine.getByText("Empfänger: Jugendamt Mitte").first().waitFor();
  }, 60_000);

  it("checks disclosures: covered by the consent, refused on another way, allowed on a legal basis with a reason", async () => {
    const p = counsellor.page;
    await p.getByRole("button", { name: "Weitergabe prüfen" }).click();
    await check(p, { recipient: "jugendamt mitte", channel: "Telefon" });
    await p
      .getByRole("status")
      .filter({ hasText: /Erlaubt: Die Einwilligung „Mitteilung an das Jugendamt“ vom .* deckt diese Weitergabe/ })
      .waitFor({ timeout: 30_000 });

    await check(p, { recipient: "Jugendamt Mitte", channel: "E-Mail" });
    await p.getByRole("status").filter({ hasText: "Nicht erlaubt: Keine Einwilligung in Kraft deckt" }).waitFor();

    await p.getByRole("radio", { name: "auf eine gesetzliche Grundlage ohne Einwilligung" }).check();
    await p.getByLabel("Gesetzliche Grundlage", { exact: true }).selectOption({
      label: "Kinderschutz: Mitteilung an das Jugendamt (§ 4 KKG mit § 8a SGB VIII)",
    });
    await p.getByRole("button", { name: "Prüfen und dokumentieren" }).click();
    await p.getByText("Bitte begründen Sie die Weitergabe (mindestens 10 Zeichen).").first().waitFor();
    await p
      .getByLabel("Begründung")
      .fill("Gewichtige Anhaltspunkte für eine Kindeswohlgefährdung; Befugnis nach § 4 Abs. 3 KKG.");
    await p.getByRole("button", { name: "Prüfen und dokumentieren" }).click();
    await p
      .getByRole("status")
      .filter({ hasText: "Erlaubt auf gesetzlicher Grundlage: Kinderschutz" })
      .waitFor({ timeout: 30_000 });
    violations.push(...(await axeEverywhere(p, "case page, forwarding check")));
  }, 180_000);

  it("records the withdrawal after a confirmation; the same disclosure is then refused", async () => {
    const p = counsellor.page;
    const item = consentItem(p, "Mitteilung an das Jugendamt");
    await item
      .getByRole("button", { name: "Widerruf erfassen: Mitteilung an das Jugendamt an Jugendamt Mitte" })
      .click();
    await item
      .getByText(/Widerruf der Einwilligung „Mitteilung an das Jugendamt“ an Jugendamt Mitte erfassen\?/)
      .waitFor();
    violations.push(...(await axeEverywhere(p, "case page, withdrawal asked")));
    await item.getByRole("radio", { name: "schriftlich (unterschriebenes Formular)" }).check();
    await item.getByRole("button", { name: "Widerruf speichern" }).click();
    await p.getByRole("status").filter({ hasText: "Der Widerruf ist gespeichert." }).waitFor({ timeout: 30_000 });
    await item.getByText(/Widerrufen am .* \(schriftlich\)/).waitFor();
    expect(await item.getByRole("button", { name: /Widerruf erfassen/ }).count()).toBe(0);

    await p.getByRole("radio", { name: "auf eine Einwilligung der Person (sie wird gesucht)" }).check();
    await check(p, { recipient: "Jugendamt Mitte", channel: "Telefon" });
    await p.getByRole("status").filter({ hasText: "Nicht erlaubt: Keine Einwilligung in Kraft deckt" }).waitFor();
  }, 120_000);

  it("no accessibility violations, no page errors, nothing from other origins", () => {
    expect(violations).toEqual([]);
    for (const actor of [counsellor, client]) {
      expect(actor.pageErrors, actor.name).toEqual([]);
      expect(actor.cspViolations, actor.name).toEqual([]);
      expect(actor.foreignRequests(), actor.name).toEqual([]);
      expect(
        actor.consoleErrors.filter((m) => !EXPECTED_CONSOLE.test(m)),
        actor.name,
      ).toEqual([]);
    }
  });
});
