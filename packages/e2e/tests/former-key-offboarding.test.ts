// SPDX-License-Identifier: AGPL-3.0-or-later
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountCard, consoleSuccess, demoAdminToUsers } from "../src/admin-console";
import { useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { acceptEnquiry, CLIENT_TEXTS, clientEnquiry, counsellorLogin, staffMessages } from "../src/counselling";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * ADR 0031 in real Chromium against `obhut serve --demo`: a counsellor (Herr Roth) replies to a client, then
 * the administrator offboards him in the console (his key is revoked in the organisation log, the team key
 * renewed; the status region announces each team's renewal). His reply, signed with the key that is no longer certified, stays readable and his — for the
 * client and for a colleague of his team — marked "Schlüssel nicht mehr aktiv"; the client's answer after the
 * offboarding goes under a new conversation key and the colleague reads it, unmarked. Driven by roles, labels
 * and texts; axe in German and English at both widths.
 */
let stack: Stack;
let admin: Actor;
let leaving: Actor;
let colleague: Actor;
let client: Actor;
const violations: string[] = [];

const CLIENT = { username: `wiese-${Date.now().toString(36)}`, password: "Über der Wiese kreist ein Bussard 7" };
const T = {
  enquiry: "Guten Tag, ich mache mir Sorgen um meinen Vater. Er vergisst in letzter Zeit sehr viel.",
  before: "Guten Tag, danke, dass Sie schreiben. Seit wann fällt Ihnen das auf?",
  after: "Seit dem Sommer ungefähr. Herr Roth hatte mich das gefragt.",
};
const FORMER_KEY = "Schlüssel nicht mehr aktiv";
const UNREADABLE = "kann nicht entschlüsselt werden";
const EXPECTED_CONSOLE = /status of (401|403)/;

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  admin = await stack.actor("admin", { viewport: VIEWPORTS.desktop });
  leaving = await stack.actor("counsellor-leaving", { viewport: VIEWPORTS.desktop });
  colleague = await stack.actor("colleague", { viewport: VIEWPORTS.desktop });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  for (const actor of [admin, leaving, colleague, client]) await useLanguage(actor.context, "de");
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("a counsellor is offboarded after replying", () => {
  it("a client writes; Herr Roth accepts and replies", async () => {
    await counsellorLogin(leaving.page, stack, "demo-berater");
    await clientEnquiry(client.page, { texts: CLIENT_TEXTS.de, ...CLIENT, message: T.enquiry });
    await acceptEnquiry(leaving.page, { client: CLIENT.username, enquiry: T.enquiry, reply: T.before });
  }, 180_000);

  it("the administrator offboards him in the console", async () => {
    const p = admin.page;
    await demoAdminToUsers(p, stack);
    const card = accountCard(p, "demo-berater");
    await card.getByRole("button", { name: "Deaktivieren" }).click();
    // Every text the status regions announce while the offboarding runs (they change faster than a poll).
    await p.getByRole("status").evaluateAll((regions) => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const region of regions)
        new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
          childList: true,
          subtree: true,
          characterData: true,
        });
    });
    await card.getByRole("button", { name: "Ja, deaktivieren" }).click();
    await consoleSuccess(p, /demo-berater ist deaktiviert/);
    // The progress of the team key renewals was announced, up to the last team.
    const heard = await p.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard).toContainEqual(expect.stringMatching(/Teamschlüssel werden erneuert: 0 von [1-9]\d* Teams fertig/));
    expect(heard).toContainEqual(expect.stringMatching(/Teamschlüssel werden erneuert: (\d+) von \1 Teams fertig/));
    violations.push(...(await axeEverywhere(p, "console after the offboarding")));
  }, 180_000);

  it("the client reads his reply as before, marked, and answers under a new key", async () => {
    const c = client.page;
    await c.getByRole("link", { name: "Alle meine Beratungen" }).click();
    await c.getByRole("link", { name: "Gespräch mit Beratungsstelle Demo-Stadt öffnen" }).click();
    await c.getByText(T.enquiry).waitFor({ timeout: 30_000 });
    const earlier = c.getByRole("listitem").filter({ hasText: T.before });
    await expect.poll(() => earlier.innerText(), { timeout: 30_000 }).toContain(FORMER_KEY);
    expect(await c.getByText(UNREADABLE).count()).toBe(0);
    violations.push(...(await axeEverywhere(c, "client conversation after the counsellor's offboarding")));
    const composer = c.getByRole("textbox", { name: "Ihre Nachricht" });
    await composer.fill(T.after);
    await c.locator("form", { has: composer }).getByRole("button", { name: "Senden" }).click();
    await c.getByRole("listitem").filter({ hasText: T.after }).waitFor({ timeout: 60_000 });
    expect(await c.getByRole("listitem").filter({ hasText: T.after }).innerText()).not.toContain(FORMER_KEY);
  }, 240_000);

  it("a colleague of his team reads his reply, marked, and the client's answer after it", async () => {
    const p = colleague.page;
    await counsellorLogin(p, stack, "demo-beraterin");
    await p.getByRole("group", { name: "Ansicht" }).getByRole("button", { name: "Fälle meiner Teams" }).click();
    await p.getByRole("link", { name: CLIENT.username }).click({ timeout: 30_000 });
    // Still assigned to Herr Roth: a colleague opens it with a reason (logged, shown to the team lead).
    await p.getByLabel("Grund für den Zugriff").fill("Vertretung nach dem Ausscheiden von Herrn Roth");
    await p.getByRole("button", { name: "Fall mit Begründung öffnen" }).click();
    await staffMessages(p).filter({ hasText: T.after }).waitFor({ timeout: 60_000 });
    const earlier = staffMessages(p).filter({ hasText: T.before });
    await expect.poll(() => earlier.innerText()).toContain(FORMER_KEY);
    expect(await staffMessages(p).filter({ hasText: T.after }).innerText()).not.toContain(FORMER_KEY);
    expect(await staffMessages(p).filter({ hasText: UNREADABLE }).count()).toBe(0);
    violations.push(...(await axeEverywhere(p, "colleague's case page after the offboarding")));
  }, 240_000);

  it("no accessibility violations, no page errors, nothing from other origins", () => {
    expect(violations).toEqual([]);
    for (const actor of [admin, colleague, client]) {
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
