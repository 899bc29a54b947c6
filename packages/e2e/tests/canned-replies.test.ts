// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  acceptEnquiry,
  axeAt360,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  plaintextHits,
  staffMessages,
} from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16, Textbausteine, in real Chromium against `obhut serve --demo`: the team lead Frau Leitner
 * (demo-leitung) reaches "Textbausteine" from the inbox and creates a snippet in both forms of address (sealed
 * and signed in her browser), and creates and deletes a second one with confirmation. A client writes on the
 * "du" topic Jugendberatung; Frau Berger (demo-beraterin) accepts, finds the snippet in "Textbaustein einfügen"
 * by searching, inserts it at the caret — the "du" text — edits one word and sends; the client reads the edited
 * text. Alt+T opens the picker from the reply box and is listed in the shortcuts help. No snippet text is in
 * the server's stored bytes or log. axe at 1280 px and 360 px.
 */
let stack: Stack;
let lead: Actor;
let berger: Actor;
let client: Actor;
const violations: string[] = [];

const S = {
  title: "Terminvorschlag Beratung",
  text: "Gerne vereinbaren wir einen Termin am Dienstag in unserer Beratungsstelle. Passt Ihnen zehn Uhr?",
  informal: "Gerne vereinbaren wir einen Termin am Dienstag in unserer Beratungsstelle. Passt dir zehn Uhr?",
  other: "Hinweis Datenschutzerklaerung",
  otherText: "Unsere Datenschutzerklaerung finden Sie unten auf jeder Seite verlinkt.",
  otherEdited: "Unsere Datenschutzerklaerung steht unten auf jeder Seite.",
  enquiry: "Ich brauche bitte einen Termin, es geht um Stress in der Schule.",
};

async function axeHere(page: Page, label: string): Promise<void> {
  violations.push(...(await axeViolations(page)).map((v) => `${label} (1280 px): ${v}`));
  violations.push(...(await axeAt360(page, label)));
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  lead = await stack.actor("lead", { viewport: VIEWPORTS.desktop });
  berger = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  for (const actor of [lead, berger, client]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("canned replies (Textbausteine)", () => {
  it("the team lead creates a snippet in both forms of address, and deletes another after confirming", async () => {
    const page = lead.page;
    await counsellorLogin(page, stack, "demo-leitung");
    await page.getByRole("link", { name: "Textbausteine", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Textbausteine" }).waitFor();
    await page.getByText("Ihr Team hat noch keine Textbausteine.").waitFor({ timeout: 30_000 });
    await axeHere(page, "canned replies, empty");

    await page.getByLabel("Titel", { exact: true }).fill(S.title);
    await page.getByLabel("Text", { exact: true }).fill(S.text);
    await page.getByLabel("Text mit „du“ (optional)").fill(S.informal);
    await page.getByRole("button", { name: "Textbaustein anlegen" }).click();
    await page.getByRole("heading", { level: 3, name: S.title }).waitFor({ timeout: 30_000 });
    await page.getByText("Der Textbaustein ist gespeichert.").waitFor();
    // The form is empty again for the next snippet.
    for (const label of ["Titel", "Text", "Text mit „du“ (optional)"])
      expect(await page.getByLabel(label, { exact: true }).inputValue()).toBe("");

    await page.getByLabel("Titel", { exact: true }).fill(S.other);
    await page.getByLabel("Text", { exact: true }).fill(S.otherText);
    await page.getByRole("button", { name: "Textbaustein anlegen" }).click();
    await page.getByRole("heading", { level: 3, name: S.other }).waitFor({ timeout: 30_000 });
    await axeHere(page, "canned replies, two");

    await page.getByRole("button", { name: `„${S.other}“ bearbeiten` }).click();
    await page.getByRole("heading", { level: 2, name: `Textbaustein „${S.other}“ bearbeiten` }).waitFor();
    expect(await page.getByLabel("Text", { exact: true }).inputValue()).toBe(S.otherText);
    await page.getByLabel("Text", { exact: true }).fill(S.otherEdited);
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await page.getByText(S.otherEdited).waitFor({ timeout: 30_000 });
    await page.getByText(S.otherText).waitFor({ state: "detached" });

    await page.getByRole("button", { name: `„${S.other}“ löschen` }).click();
    await page.getByText(`„${S.other}“ wirklich löschen?`, { exact: false }).waitFor();
    await page.getByRole("button", { name: "Endgültig löschen" }).click();
    await page.getByText("Der Textbaustein ist gelöscht.").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("heading", { level: 3, name: S.other }).count()).toBe(0);
    await page.getByRole("heading", { level: 3, name: S.title }).waitFor();
  });

  it("a counsellor inserts it into a 'du' case at the caret, edits a word and sends; the client reads it", async () => {
    violations.push(
      ...(await clientEnquiry(client.page, {
        texts: { ...CLIENT_TEXTS.de, topic: "Jugendberatung" },
        username: "schulstress",
        password: "ein langes Passwort für die Schule",
        message: S.enquiry,
      })),
    );

    const page = berger.page;
    await counsellorLogin(page, stack, "demo-beraterin");
    await page.getByRole("button", { name: "Tastenkürzel" }).click();
    const help = page.getByRole("dialog", { name: "Tastenkürzel im Posteingang" });
    await help.getByText("Im Antwortfeld: Textbaustein einfügen").waitFor();
    await help.getByText("Alt+T").waitFor();
    await help.getByRole("button", { name: "Schließen" }).click();

    await acceptEnquiry(page, { client: "schulstress", enquiry: S.enquiry });
    const answer = page.getByLabel("Antwort", { exact: true });
    await answer.fill("Hallo,\n\nViele Grüße");
    // The caret to the start of the third line, before "Viele Grüße".
    await answer.press("Control+Home");
    await answer.press("ArrowDown");
    await answer.press("ArrowDown");

    // Alt+T in the reply box opens the picker; Escape closes it and focus returns to the reply box.
    await answer.press("Alt+t");
    const picker = page.getByRole("dialog", { name: "Textbaustein einfügen" });
    await picker.getByRole("button", { name: new RegExp(S.title) }).waitFor({ timeout: 30_000 });
    await page.keyboard.press("Escape");
    await picker.waitFor({ state: "hidden" });
    expect(await answer.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole("button", { name: "Textbaustein einfügen" }).click();
    await picker.getByLabel("Textbausteine durchsuchen").fill("termin dienstag");
    await picker.getByText("1 Treffer").waitFor({ timeout: 30_000 });
    await axeHere(page, "snippet picker");
    await picker.getByLabel("Textbausteine durchsuchen").fill("gibt es nicht");
    await picker.getByText("Kein Textbaustein passt zur Suche.").waitFor();
    await picker.getByLabel("Textbausteine durchsuchen").fill("Termin");
    await picker.getByRole("button", { name: new RegExp(S.title) }).click();
    await picker.waitFor({ state: "hidden" });
    await page.getByText(`„${S.title}“ eingefügt.`, { exact: false }).waitFor();
    // The "du" text, at the caret, not the formal one.
    expect(await answer.inputValue()).toBe(`Hallo,\n\n${S.informal}Viele Grüße`);

    await answer.fill((await answer.inputValue()).replace("Dienstag", "Mittwoch"));
    await page.locator("form", { has: answer }).getByRole("button", { name: "Senden" }).click();
    await staffMessages(page).filter({ hasText: "am Mittwoch in unserer" }).waitFor({ timeout: 30_000 });
    await axeHere(page, "case after sending");

    await client.page.getByText("am Mittwoch in unserer Beratungsstelle. Passt dir zehn Uhr?").waitFor({
      timeout: 30_000,
    });
    expect(await client.page.getByText("am Dienstag", { exact: false }).count()).toBe(0);
  });

  it("the server stored no snippet text, and every page was axe clean", async () => {
    expect(
      await plaintextHits(stack, [
        S.title,
        S.text,
        S.informal,
        S.other,
        S.otherText,
        S.otherEdited,
        "Mittwoch in unserer",
      ]),
    ).toEqual([]);
    expect(violations).toEqual([]);
  });
});
