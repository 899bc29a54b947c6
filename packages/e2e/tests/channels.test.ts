// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  axeAt360,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  demoPassword,
  plaintextHits,
} from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #16, Kanäle (ADR 0037), in real Chromium against `obhut serve --demo`: the administrator Frau Adler
 * (demo-admin) reaches "Kanäle" from the staff shell and creates the client-facing channel "Öffnungszeiten und
 * Termine" with the team lead Frau Leitner as a further owner. Two clients, each with a case at the organisation,
 * find it in "Meine Beratungen" and subscribe; they wait for access until Frau Leitner opens the channel — her
 * browser wraps its keys to them — and posts. Both clients read the post (decrypted in their browsers), see no
 * other subscriber and no composer; a post forged from a client's session is refused with `channel_read_only`.
 * The post's text is nowhere in the server's stored bytes or log. axe at 1280 px and 360 px.
 */
let stack: Stack;
let admin: Actor;
let lead: Actor;
let clients: Actor[];
const violations: string[] = [];

const C = {
  name: "Öffnungszeiten und Termine",
  post: "Zwischen den Jahren ist die Beratungsstelle vom 27. bis 31. Dezember geschlossen; ab dem 2. Januar sind wir wieder da.",
  enquiries: [
    "Ich möchte über die Situation mit meinem Sohn sprechen, er schläft kaum noch.",
    "Wir streiten zu Hause ständig und ich weiß nicht mehr weiter.",
  ],
  usernames: ["kanal-leserin-eins", "kanal-leser-zwei"],
};

const staffNav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });

async function openChannels(page: Page): Promise<void> {
  await staffNav(page).getByRole("link", { name: "Kanäle", exact: true }).click();
  await page.waitForURL("**/channels");
  await page.getByRole("heading", { level: 1, name: "Kanäle" }).waitFor();
}

/** "Meine Beratungen" by its link, from another page of the client's menu (keeps the keys held in memory). */
async function myCounselling(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Konto", exact: true }).click();
  await page.waitForURL("**/account");
  await page.getByRole("link", { name: "Meine Beratungen", exact: true }).click();
  await page.waitForURL("**/cases");
  await page.getByRole("heading", { level: 2, name: "Kanäle" }).waitFor({ timeout: 30_000 });
}

async function axeHere(page: Page, label: string): Promise<void> {
  violations.push(...(await axeViolations(page)).map((v) => `${label} (1280 px): ${v}`));
  violations.push(...(await axeAt360(page, label)));
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  lead = await stack.actor("lead", { viewport: VIEWPORTS.desktop });
  clients = [
    await stack.actor("client 1", { viewport: VIEWPORTS.mobile }),
    await stack.actor("client 2", { viewport: VIEWPORTS.mobile }),
  ];
  for (const actor of [admin, lead, ...clients]) await useLanguage(actor.context, "de");
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("broadcast channels (Kanäle)", () => {
  it("the administrator creates a client-facing channel with the team lead as an owner", async () => {
    const page = admin.page;
    await loadPage(page, "/staff");
    await page.getByLabel("Benutzername", { exact: true }).fill("demo-admin");
    await page.getByLabel("Passwort", { exact: true }).fill(await demoPassword(stack, "demo-admin"));
    await page.keyboard.press("Enter");
    await page.waitForURL("**/admin", { timeout: 60_000 });
    await openChannels(page);
    await page.getByText("Es gibt noch keine Kanäle.").waitFor({ timeout: 30_000 });
    await axeHere(page, "channels, empty");

    // A name is required: the form says so and sends nothing.
    await page.getByRole("button", { name: "Kanal anlegen" }).click();
    await page.getByText("Bitte geben Sie einen Namen ein.").waitFor();
    await page.getByLabel("Name des Kanals").fill(C.name);
    await page.getByLabel("Auch Ratsuchende, die eine Beratung bei der Organisation haben").check();
    await page.getByText(/Nur öffentliche Informationen/).waitFor();
    await page.getByLabel("Frau Leitner (demo-leitung)").check();
    await axeHere(page, "channels, new channel form");
    await page.getByRole("button", { name: "Kanal anlegen" }).click();
    await page.getByRole("heading", { level: 2, name: C.name }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: new RegExp(`^${C.name}.*Für Ratsuchende · Sie schreiben$`) }).waitFor();
  });

  it("two clients with a case subscribe from “Meine Beratungen” and wait for access", async () => {
    for (const [i, client] of clients.entries()) {
      violations.push(
        ...(await clientEnquiry(client.page, {
          texts: CLIENT_TEXTS.de,
          username: C.usernames[i]!,
          password: `ein langes Passwort für Kanal ${i + 1}`,
          message: C.enquiries[i]!,
        })),
      );
      const page = client.page;
      await myCounselling(page);
      await page.getByText(/^Von /).first().waitFor();
      await page.getByRole("button", { name: `${C.name} abonnieren` }).click();
      await page.getByRole("button", { name: `${C.name} abbestellen` }).waitFor({ timeout: 30_000 });
      await page.getByText(/^Wartet auf Freischaltung/).waitFor();
      violations.push(...(await axeViolations(page)).map((v) => `client ${i + 1}, channel waiting (360 px): ${v}`));
    }
  });

  it("the team lead opens the channel — her browser gives both clients access — and posts", async () => {
    const page = lead.page;
    await counsellorLogin(page, stack, "demo-leitung");
    await openChannels(page);
    await page.getByRole("button", { name: new RegExp(`^${C.name}`) }).click();
    await page.getByRole("status").filter({ hasText: "2 Abonnierende wurden freigeschaltet." }).waitFor({
      timeout: 30_000,
    });
    await page.getByLabel("Beitrag", { exact: true }).fill(C.post);
    await page
      .locator("form", { has: page.getByLabel("Beitrag", { exact: true }) })
      .getByRole("button", { name: "Veröffentlichen" })
      .click();
    await page
      .locator('ol.message-list[aria-label="Beiträge"] > li')
      .filter({ hasText: C.post })
      .waitFor({ timeout: 30_000 });
    await axeHere(page, "channel, owner");
  });

  it("both clients read the post, see no other subscriber and cannot post", async () => {
    for (const [i, client] of clients.entries()) {
      const page = client.page;
      await myCounselling(page);
      const posts = page.getByRole("list", { name: `Beiträge in ${C.name}` });
      await posts.getByText(C.post).waitFor({ timeout: 30_000 });
      // No composer, and nothing names the other client.
      const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Kanäle" }) });
      expect(await section.getByRole("textbox").count()).toBe(0);
      expect(await page.getByText(C.usernames[1 - i]!).count()).toBe(0);
      violations.push(...(await axeViolations(page)).map((v) => `client ${i + 1}, channel read (360 px): ${v}`));

      // A post forged with the client's own session is refused by the server with the stable code.
      const forged = await page.evaluate(async (name) => {
        const list = (await (await fetch("/api/client-channels")).json()) as {
          channels: { id: string; name: string }[];
        };
        const id = list.channels.find((c) => c.name === name)!.id;
        const res = await fetch(`/api/conversations/${id}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ clientMsgId: `forged-${Date.now()}`, envelope: "AQEHZm9yZ2Vk" }),
        });
        return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
      }, C.name);
      expect(forged).toEqual({ status: 403, code: "channel_read_only" });
    }
  });

  it("stored no post text, and every page was axe clean without page errors", async () => {
    expect(await plaintextHits(stack, [C.post])).toEqual([]);
    expect(violations).toEqual([]);
    for (const a of [admin, lead, ...clients]) expect(a.pageErrors, a.name).toEqual([]);
  });
});
