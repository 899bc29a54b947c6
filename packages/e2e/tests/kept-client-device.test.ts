// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDeviceState } from "../src/accounts";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue #15, item 4 (ADR 0027) in real Chromium against `obhut serve --demo`:
 * a client who answers "Mein eigenes Gerät" at sign-up stays in the
 * conversation across a reload, with the unsent draft, without the password;
 * the draft is stored only as ciphertext. Logout deletes everything kept. A
 * login on "Ein Gerät, das auch andere nutzen" keeps nothing: a reload logs
 * out (the conversation asks for the login) and the origin holds no
 * IndexedDB database and no localStorage.
 */
let stack: Stack;
const violations: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

const nav = (page: Page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const composer = (page: Page) => page.getByRole("textbox", { name: "Ihre Nachricht" });

/** The kept drafts as the browser stores them: their keys and whether any stored bytes contain `text` in clear. */
function keptDrafts(page: Page, text: string) {
  return page.evaluate(async (needle) => {
    if (!(await indexedDB.databases()).some((d) => d.name === "obhut-device")) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("obhut-device");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error as Error);
    });
    const all = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error as Error);
      });
    const store = db.transaction("drafts").objectStore("drafts");
    const keys = (await all(store.getAllKeys())).map(String);
    const values = (await all(store.getAll())) as { ciphertext: ArrayBuffer }[];
    db.close();
    const readable = values.some((v) => new TextDecoder().decode(v.ciphertext).includes(needle));
    return { keys, readable };
  }, text);
}

describe.sequential("a client's own device and a shared one", () => {
  const username = "eigen-" + Date.now().toString(36);
  const password = "Ein langer Satz über Möwen und Dünen 5";
  const draft = "Ich schreibe das später zu Ende, es geht um meinen Bruder";

  it("own device: reload keeps the conversation and the draft without the password; logout deletes it", async () => {
    const client = await stack.actor("client-own-phone", { viewport: VIEWPORTS.mobile });
    await useLanguage(client.context, "de");
    const page = client.page;
    violations.push(
      ...(await clientEnquiry(page, {
        texts: CLIENT_TEXTS.de,
        username,
        password,
        message: "Hallo, ich brauche Rat.",
        deviceLabel: "Mein eigenes Gerät",
      })),
    );
    const conversation = page.url();

    client.step("type a draft; the page says it is kept on this device");
    await composer(page).fill(draft);
    await page.getByText("Entwurf verschlüsselt auf diesem Gerät gespeichert").waitFor();
    violations.push(...(await axeAt360(page, "conversation with kept draft")));
    expect(await keptDrafts(page, draft)).toEqual({ keys: [expect.any(String)], readable: false });
    expect((await dumpDeviceState(page)).localStorage).toEqual({});

    client.step("reload: still in the conversation, the draft back, no password asked");
    await page.reload();
    await expect.poll(() => composer(page).inputValue(), { timeout: 30_000 }).toBe(draft);
    expect(page.url()).toBe(conversation);
    expect(await page.getByLabel("Passwort", { exact: true }).count()).toBe(0);
    await page.locator(".timeline .timeline__message--own", { hasText: "Hallo, ich brauche Rat." }).waitFor();

    client.step("sending the draft deletes it from the device");
    await page.getByRole("button", { name: "Senden" }).click();
    await page.locator(".timeline .timeline__message--own", { hasText: draft }).waitFor({ timeout: 30_000 });
    await expect.poll(() => keptDrafts(page, draft)).toEqual({ keys: [], readable: false });

    client.step("a new draft, then logout: the device database is gone; a reload shows the login");
    await composer(page).fill("noch ein Entwurf");
    await page.getByText("Entwurf verschlüsselt auf diesem Gerät gespeichert").waitFor();
    await nav(page).getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect.poll(async () => (await dumpDeviceState(page)).indexedDbNames).toEqual([]);
    await loadPage(page, new URL(conversation).pathname + new URL(conversation).search);
    await page.getByText("Bitte melden Sie sich an, um dieses Gespräch zu lesen.", { exact: false }).waitFor();
  });

  it("shared device: the page says nothing is kept; a reload logs out and nothing readable stays", async () => {
    const other = await stack.actor("client-shared-pc", { viewport: VIEWPORTS.mobile });
    await useLanguage(other.context, "de");
    const page = other.page;
    await loadPage(page, "/");
    await nav(page).getByRole("link", { name: "Anmelden" }).click();
    await page.getByRole("group", { name: "Welches Gerät ist das?" }).waitFor();
    expect(await page.getByLabel("Ein Gerät, das auch andere nutzen", { exact: true }).isChecked()).toBe(true);
    await page.getByText("Auf diesem Gerät wird nichts gespeichert.", { exact: false }).first().waitFor();
    violations.push(...(await axeAt360(page, "login with device question")));
    await page.getByLabel("Name (Pseudonym)").fill(username);
    await page.getByLabel("Passwort", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { level: 1, name: "Meine Beratungen" }).waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: CLIENT_TEXTS.de.agency }).click();
    await composer(page).fill("auf dem geteilten Gerät");
    expect(await page.getByText("Entwurf verschlüsselt auf diesem Gerät gespeichert").count()).toBe(0);

    await page.reload();
    await page.getByText("Bitte melden Sie sich an, um dieses Gespräch zu lesen.", { exact: false }).waitFor();
    const state = await dumpDeviceState(page);
    expect(state.indexedDbNames).toEqual([]);
    expect(state.localStorage).toEqual({});
    expect(state.sessionStorage).not.toContain("auf dem geteilten Gerät");
    expect(JSON.stringify(state)).not.toContain("auf dem geteilten Gerät");
  });

  it("has no axe violations at 360 px", () => {
    expect(violations).toEqual([]);
  });
});
