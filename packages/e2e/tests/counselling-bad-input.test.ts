// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import { axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin, demoPassword, goInApp } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Bad input in the conversation views (issue 6, quality bar): an empty
 * message, 10 MB of pasted text, a file over the limit, a file type the
 * organisation does not allow or stops allowing (issue 5), the session ending
 * while the client types, and the network going away while a message is
 * sent. Each gives a clear message and loses nothing typed; the message
 * sent without network arrives exactly once.
 */
let stack: Stack;
let client: Actor;
let counsellor: Actor;
const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const username = "nebel-" + Date.now().toString(36);
const violations: string[] = [];

/** The network as the client's browser sees it: HTTP via offline emulation, the WebSocket via a route. */
let networkDown = false;
const sockets = new Set<WebSocketRoute>();

async function setNetwork(up: boolean): Promise<void> {
  networkDown = !up;
  await client.context.setOffline(!up);
  if (!up) for (const ws of sockets) await ws.close({ code: 4000, reason: "network lost" }).catch(() => {});
}

const compose = (page: Page) => page.locator("#case-compose");
const send = (page: Page) => page.locator("form.composer button[type=submit]").click();
const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  await useLanguage(client.context, "de");
  await client.context.routeWebSocket(/\/ws$/, (ws) => {
    // While the network is "down" a new connection fails at once, like a real one would.
    if (networkDown) return void ws.close({ code: 4000, reason: "network lost" });
    ws.connectToServer();
    sockets.add(ws);
    ws.onClose(() => sockets.delete(ws));
  });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.mobile });
  await useLanguage(counsellor.context, "de");

  violations.push(
    ...(await clientEnquiry(client.page, {
      texts: CLIENT_TEXTS.de,
      username,
      password: PASSWORD,
      message: "Eine erste Frage.",
    })),
  );
  await counsellorLogin(counsellor.page, stack, "demo-beraterin");
  await counsellor.page.locator(".case-card", { hasText: username }).locator("a").click();
  await counsellor.page.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click();
  await counsellor.page.locator("#case-reply").waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("bad input in the conversation", () => {
  it("an empty message is explained, not sent", async () => {
    const page = client.page;
    await compose(page).fill("   ");
    await send(page);
    await page.locator("#case-compose-error", { hasText: "Bitte schreiben Sie zuerst eine Nachricht" }).waitFor();
    expect(await page.locator(".outbox li").count()).toBe(0);
    violations.push(...(await axeAt360(page, "client case (empty message error)")));

    const staff = counsellor.page;
    await staff.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await staff
      .locator("form.composer:has(#case-reply) [role=alert]", { hasText: "Bitte schreiben Sie zuerst" })
      .waitFor();
  });

  it("10 MB of pasted text: a clear error, and the text stays in the editor", async () => {
    const page = client.page;
    const huge = "Sehr lange Nachricht. ".repeat(Math.ceil((10 * 1024 * 1024) / 22)).slice(0, 10 * 1024 * 1024);
    // Filling 10 MB takes Chromium half a minute on a loaded two-core machine.
    await compose(page).fill(huge, { timeout: 90_000 });
    await send(page);
    await page.locator("#case-compose-error", { hasText: "Ihre Nachricht ist zu lang" }).waitFor();
    expect(await compose(page).evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(huge.length);
    expect(await page.locator(".outbox li").count()).toBe(0);
    await compose(page).fill("");

    const staff = counsellor.page;
    const long = "x".repeat(20_001);
    await staff.fill("#case-reply", long);
    await staff.locator("form.composer:has(#case-reply) button[type=submit]").click();
    await staff.locator("form.composer:has(#case-reply) [role=alert]", { hasText: "zu lang" }).waitFor();
    expect(await staff.locator("#case-reply").inputValue()).toBe(long);
    await staff.fill("#case-reply", "");
  });

  it("a file over 25 MB: a clear error, the typed text stays", async () => {
    const page = client.page;
    await compose(page).fill("Hier das Video.");
    // Handing 26 MB to the page over the DevTools protocol, like filling 10 MB above, is slow on a loaded machine.
    await page.setInputFiles(
      "#case-files",
      { name: "video-gross.mp4", mimeType: "video/mp4", buffer: Buffer.alloc(26 * 1024 * 1024, 1) },
      { timeout: 90_000 },
    );
    await send(page);
    await page.locator("#case-compose-error", { hasText: "video-gross.mp4 ist zu groß" }).waitFor();
    expect(await compose(page).inputValue()).toBe("Hier das Video.");
    expect(await page.locator(".outbox li").count()).toBe(0);
    violations.push(...(await axeAt360(page, "client case (file too large)")));
    await page.setInputFiles("#case-files", []);
    await compose(page).fill("");
  });

  it("a file type the organisation does not allow: refused before encrypting, with a clear message", async () => {
    const page = client.page;
    await compose(page).fill("Hier das Programm.");
    await page.setInputFiles("#case-files", {
      name: "programm.exe",
      mimeType: "application/x-msdownload",
      buffer: Buffer.alloc(2048, 7),
    });
    await send(page);
    await page
      .locator("#case-compose-error", {
        hasText: "programm.exe kann nicht gesendet werden: Dieser Dateityp ist hier nicht erlaubt",
      })
      .waitFor();
    expect(await compose(page).inputValue()).toBe("Hier das Programm.");
    expect(await page.locator(".outbox li").count()).toBe(0);
    violations.push(...(await axeAt360(page, "client case (file type not allowed)")));
    await page.setInputFiles("#case-files", []);
    await compose(page).fill("");

    const staff = counsellor.page;
    const reply = staff.locator("form.composer:has(#case-reply)");
    await reply.locator("input[type=file]").setInputFiles({
      name: "makro.js",
      mimeType: "text/javascript",
      buffer: Buffer.from("alert(1)"),
    });
    await reply.locator("button[type=submit]").click();
    await reply.locator("[role=alert]", { hasText: "makro.js kann nicht gesendet werden" }).waitFor();
    // An allowed type under a name of another type (issue #13): a web page posing as plain text is refused too.
    await reply.locator("input[type=file]").setInputFiles({
      name: "seite.html",
      mimeType: "text/plain",
      buffer: Buffer.from("<script>alert(1)</script>"),
    });
    await reply.locator("button[type=submit]").click();
    await reply.locator("[role=alert]", { hasText: "seite.html kann nicht gesendet werden" }).waitFor();
    await reply.locator("input[type=file]").setInputFiles([]);
  });

  it("a file sent by mistake: the client deletes it, the counsellor sees it as deleted instead of a download", async () => {
    const page = client.page;
    const text = "Das Foto war ein Versehen.";
    await compose(page).fill(text);
    await page.setInputFiles("#case-files", {
      name: "falsches-foto.png",
      mimeType: "image/png",
      buffer: Buffer.alloc(900, 3),
    });
    await send(page);
    const mine = page.locator(".timeline__message--own", { hasText: text });
    await mine.locator("button", { hasText: "falsches-foto.png" }).waitFor({ timeout: 30_000 });
    const staff = counsellor.page;
    const theirs = staffMessages(staff).filter({ hasText: text });
    await theirs.locator("button", { hasText: "falsches-foto.png" }).waitFor({ timeout: 30_000 });

    await mine.getByRole("button", { name: "Anhang falsches-foto.png löschen" }).click();
    await mine.locator("button", { hasText: "Ja, löschen" }).click();
    await mine.locator(".attachment-status", { hasText: "Anhang gelöscht" }).waitFor();
    expect(await mine.locator("button", { hasText: "falsches-foto.png" }).count()).toBe(0);
    violations.push(...(await axeAt360(page, "client case (attachment deleted)")));

    // The counsellor's page was drawn before: opening it now says "deleted", not a broken download.
    await theirs.locator("button", { hasText: "falsches-foto.png" }).click();
    await theirs.locator(".attachment-status", { hasText: "Anhang gelöscht" }).waitFor();
  });

  it("a type the organisation stops allowing: a received file of that type is shown as blocked, never opened", async () => {
    const page = client.page;
    const text = "Meine Notiz dazu.";
    await compose(page).fill(text);
    await page.setInputFiles("#case-files", {
      name: "notiz.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Notiz"),
    });
    await send(page);
    const staff = counsellor.page;
    const theirs = staffMessages(staff).filter({ hasText: text });
    await theirs.locator("button", { hasText: "notiz.txt" }).waitFor({ timeout: 30_000 });
    const caseUrl = new URL(staff.url());

    // The administrator allows only images and PDF from now on (as a modified sender would ignore a rule).
    const admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    await useLanguage(admin.context, "de");
    await loadPage(admin.page, "/staff");
    await admin.page.fill("#staff-username", "demo-admin");
    await admin.page.fill("#staff-password", await demoPassword(stack, "demo-admin"));
    await admin.page.locator("form button[type=submit]").click();
    await admin.page.waitForURL("**/admin", { timeout: 60_000 });
    await goInApp(admin.page, "/admin/policies");
    const kinds = admin.page.getByRole("group", { name: "Erlaubte Dateitypen" });
    for (const name of ["Word", "Excel", "PowerPoint", "Text"])
      await kinds.getByRole("checkbox", { name, exact: true }).uncheck();
    await admin.page.getByRole("button", { name: "Regeln für Anhänge speichern" }).click();
    await admin.page.getByRole("status").filter({ hasText: "Die Regeln für Anhänge sind gespeichert." }).waitFor();

    // The counsellor opens the case again: the text file is blocked, with no way to open it.
    await goInApp(staff, "/inbox");
    await goInApp(staff, `${caseUrl.pathname}${caseUrl.search}`);
    const again = staffMessages(staff).filter({ hasText: text });
    await again.getByText("Anhang blockiert: notiz.txt").waitFor({ timeout: 30_000 });
    expect(await again.locator("button", { hasText: "notiz.txt" }).count()).toBe(0);
    expect(admin.pageErrors).toEqual([]);
  });

  it("network lost while sending: the message waits, then arrives exactly once after reconnecting", async () => {
    const page = client.page;
    const text = "Diese Nachricht schreibe ich im Funkloch.";
    await setNetwork(false);
    try {
      // The page notices: no longer "connected" (it keeps trying, so it alternates between offline and connecting).
      await page.waitForFunction(() => !document.querySelector(".live-status")?.textContent?.includes("Verbunden"));
      await compose(page).fill(text);
      await send(page);
      const pending = page.locator(".outbox li", { hasText: text });
      await pending.locator("[role=status]", { hasText: "automatisch gesendet" }).waitFor({ timeout: 30_000 });
      violations.push(...(await axeAt360(page, "client case (waiting for network)")));
    } finally {
      await setNetwork(true);
    }
    await page.locator(".timeline .timeline__message--own", { hasText: text }).waitFor({ timeout: 60_000 });
    expect(await page.locator(".outbox li").count()).toBe(0);
    expect(await page.locator(".timeline .timeline__message--own", { hasText: text }).count()).toBe(1);

    // A later message marks "everything before has arrived" on the counsellor's side; then count.
    const marker = "Jetzt geht es wieder.";
    await compose(page).fill(marker);
    await send(page);
    const staff = counsellor.page;
    await staffMessages(staff).filter({ hasText: marker }).waitFor({ timeout: 30_000 });
    expect(await staffMessages(staff).filter({ hasText: text }).count()).toBe(1);
  });

  it("the session ends while typing: a clear message, the text is kept and sent after logging in again", async () => {
    const page = client.page;
    const caseUrl = new URL(page.url());
    const text = "Das wollte ich noch sagen, bevor ich abgemeldet wurde.";
    await compose(page).fill(text);

    // The client ends all other sessions from a second device (the realistic way a session ends early).
    const other = await stack.actor("client-other-device", { viewport: VIEWPORTS.desktop });
    await useLanguage(other.context, "de");
    await loadPage(other.page, "/login");
    await other.page.fill("#login-username", username);
    await other.page.fill("#login-password", PASSWORD);
    await other.page.locator("form button[type=submit]").click();
    await other.page.waitForURL("**/cases", { timeout: 60_000 });
    const ended = await other.page.evaluate(async () => {
      const response = await fetch("/api/sessions/revoke-others", { method: "POST", credentials: "same-origin" });
      return ((await response.json()) as { endedSessions: number }).endedSessions;
    });
    expect(ended).toBeGreaterThanOrEqual(1);

    await page.locator(".live-status", { hasText: "Sitzung ist beendet" }).waitFor({ timeout: 30_000 });
    expect(await compose(page).inputValue()).toBe(text);
    await send(page);
    const failed = page.locator(".outbox li", { hasText: text });
    await failed.locator("[role=alert]", { hasText: "Ihre Anmeldung ist abgelaufen" }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(page, "client case (session ended)")));

    // Log in again in the same tab (in-app navigation keeps the draft memory) and send it.
    await failed.locator("a", { hasText: "Neu anmelden" }).click();
    await page.waitForURL(/\/login\?next=/);
    await page.fill("#login-username", username);
    await page.fill("#login-password", PASSWORD);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === caseUrl.pathname, { timeout: 60_000 });
    await compose(page).waitFor();
    expect(await compose(page).inputValue()).toBe(text);
    // The history is decrypted again with the new session's keys before sending.
    await page.locator(".timeline .timeline__message--own", { hasText: "Eine erste Frage." }).waitFor();
    await send(page);
    await page.locator(".timeline .timeline__message--own", { hasText: text }).waitFor({ timeout: 30_000 });
    await staffMessages(counsellor.page).filter({ hasText: text }).waitFor({ timeout: 30_000 });
    expect(await staffMessages(counsellor.page).filter({ hasText: text }).count()).toBe(1);
  });

  it("no axe violation at 360 px, no page error", () => {
    expect(violations).toEqual([]);
    expect(client.pageErrors).toEqual([]);
    expect(counsellor.pageErrors).toEqual([]);
  });
});
