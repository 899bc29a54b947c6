// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The server tests' local RFC 8030 push service, which decrypts what it receives with the browser's keys.
import { startPushService, type BrowserSubscription, type PushService } from "../../server/test/helpers/push-service";
import { useLanguage, VIEWPORTS } from "../src/app";
import { viaStaffShell } from "../src/accounts";
import { axeViolations } from "../src/a11y";
import type { Actor } from "../src/browser";
import { acceptEnquiry, axeAt360, CLIENT_TEXTS, clientEnquiry, counsellorLogin } from "../src/counselling";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Web Push and the staff bell (issue #17, ADR 0038) in real Chromium against
 * `obhut serve --demo`, which pushes to a local RFC 8030 push service.
 *
 * Headless Chromium has no push service of its own: `pushManager.subscribe`
 * fails there ("Registration failed - permission denied", measured), so the
 * test first shows that the page says so and sets nothing up; then, for the
 * rest of the flow, an init script stands in for the browser's push service
 * (subscribe returns the local push service's endpoint and a key pair the
 * test holds, as Chrome's FCM would). The server pushes there; the test
 * decrypts the message (proving it content-free) and hands exactly those
 * bytes to the client's service worker over CDP
 * (`ServiceWorker.deliverPushMessage`), whose notification is then read back.
 */
let push: PushService;
let stack: Stack;
let client: Actor;
let shared: Actor;
let counsellor: Actor;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const T = {
  enquiry: "Hallo, meine Tochter isst seit Wochen kaum noch etwas.",
  shared: "Ich schreibe vom Rechner in der Bibliothek.",
  reply: "Guten Tag, danke für Ihre Nachricht. Seit wann genau isst sie so wenig?",
};

const section = (page: Page) =>
  page.locator("section", {
    has: page.getByRole("heading", { level: 2, name: "Benachrichtigung auf diesem Gerät" }),
  });

async function openAccount(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konto" }).click();
  await page.getByRole("heading", { level: 1, name: "Konto" }).waitFor();
}

/** Stands in for the browser's push service, which headless Chromium lacks (see above). */
function standInPushService(sub: BrowserSubscription) {
  const subscription = {
    endpoint: sub.endpoint,
    toJSON: () => ({ endpoint: sub.endpoint, keys: sub.keys }),
    unsubscribe: async () => true,
  };
  let subscribed = false;
  PushManager.prototype.subscribe = async function () {
    subscribed = true;
    return subscription as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    return subscribed ? (subscription as unknown as PushSubscription) : null;
  };
}

beforeAll(async () => {
  push = await startPushService();
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200", ...push.env() } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  shared = await stack.actor("shared", { viewport: VIEWPORTS.mobile });
  counsellor = await stack.actor("counsellor", { viewport: VIEWPORTS.desktop });
  for (const actor of [client, shared, counsellor]) await useLanguage(actor.context, "de");
  // As a person answering the browser's question with "Erlauben".
  await client.context.grantPermissions(["notifications"], { origin: stack.origin });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await push?.close();
});

describe.sequential("push notices a client switches on by clicking, and the staff bell", () => {
  const username = "lerche-" + Date.now().toString(36);

  it("a client on a shared device is not offered a notice on it", async () => {
    const p = shared.page;
    await clientEnquiry(p, {
      texts: CLIENT_TEXTS.de,
      username: "meise-" + Date.now().toString(36),
      password: PASSWORD,
      message: T.shared,
    });
    await openAccount(p);
    const s = section(p);
    await s.getByText("Auf diesem Gerät gibt es keine Benachrichtigung", { exact: false }).waitFor();
    expect(await s.getByRole("button", { name: "Auf diesem Gerät benachrichtigen" }).count()).toBe(0);
    await s.getByText("Zurzeit wird kein Gerät benachrichtigt.").waitFor();
    violations.push(...(await axeAt360(p, "account (shared device)")));
  });

  it("on the own device, without a push service (headless Chromium), the page says nothing was set up", async () => {
    const p = client.page;
    await clientEnquiry(p, {
      texts: CLIENT_TEXTS.de,
      username,
      password: PASSWORD,
      message: T.enquiry,
      deviceLabel: "Mein eigenes Gerät",
    });
    await openAccount(p);
    const s = section(p);
    await s.getByText("Der Hinweis lautet nur „Neue Nachricht in Obhut“.", { exact: false }).waitFor();
    await s.getByRole("button", { name: "Auf diesem Gerät benachrichtigen" }).click();
    await s
      .getByRole("alert")
      .filter({ hasText: "Der Push-Dienst dieses Browsers hat keine Anmeldung vergeben." })
      .waitFor();
    await s.getByText("Zurzeit wird kein Gerät benachrichtigt.").waitFor();
    violations.push(...(await axeAt360(p, "account (no push service)")));
  });

  it("with a push service, the client switches it on and sees the device listed", async () => {
    const p = client.page;
    await client.context.addInitScript(standInPushService, push.subscribe());
    // A reload on the own device keeps the login (ADR 0027) and loads the stand-in.
    await p.reload();
    await openAccount(p);
    const s = section(p);
    await s.getByRole("button", { name: "Auf diesem Gerät benachrichtigen" }).click();
    await s.getByRole("status").filter({ hasText: "Dieses Gerät wird jetzt benachrichtigt." }).waitFor();
    await s.getByText(/Über 127\.0\.0\.1, seit .+ \(diese Anmeldung\)/).waitFor();
    expect(await s.getByRole("button", { name: "Auf diesem Gerät benachrichtigen" }).count()).toBe(0);
    violations.push(...(await axeAt360(p, "account (notified device)")));
  });

  it("the counsellor's bell counts the new enquiries, lists them and marks them read", async () => {
    const w = counsellor.page;
    await counsellorLogin(w, stack, "demo-beraterin");
    const nav = w.getByRole("navigation", { name: "Hauptnavigation" });
    // The count is a number to see and words for screen readers.
    await nav.getByRole("link", { name: /^Benachrichtigungen \(\d+ ungelesen\)$/ }).click();
    await w.getByRole("heading", { level: 1, name: "Benachrichtigungen" }).waitFor();
    const entries = w.getByRole("link", { name: "Neue Anfrage für Ihr Team" });
    // The two enquiries of this test (and any of the demo's own).
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);
    // Content-free: neither pseudonym nor text.
    const text = await w.locator("main").innerText();
    for (const secret of [username, T.enquiry, T.shared]) expect(text).not.toContain(secret);
    for (const v of await axeViolations(w)) violations.push(`bell 1280: ${v}`);
    violations.push(...(await axeAt360(w, "bell")));
    await w.getByRole("button", { name: "Alle als gelesen markieren" }).click();
    await w.getByRole("status").filter({ hasText: "Alle Benachrichtigungen sind als gelesen markiert." }).waitFor();
    await nav.getByRole("link", { name: "Benachrichtigungen", exact: true }).waitFor();
    // On the counsellor's account page (no remembered device): no push offered on this browser.
    await viaStaffShell(w, "Konto", "/account");
    await section(w).getByText("Auf diesem Gerät gibt es keine Benachrichtigung", { exact: false }).waitFor();
    await viaStaffShell(w, "Posteingang", "/inbox");
  });

  it("the counsellor's answer is pushed once, content-free, and the service worker shows the neutral notice", async () => {
    await acceptEnquiry(counsellor.page, { client: username, enquiry: T.enquiry, reply: T.reply });
    const [received] = await push.waitFor(1, 30_000);
    expect(JSON.parse(received!.plaintext)).toEqual({ kind: "new_answer", path: "/" });
    for (const secret of [T.reply, T.enquiry, username, CLIENT_TEXTS.de.topic, CLIENT_TEXTS.de.agency, "Demo-Stadt"])
      expect(received!.plaintext + JSON.stringify(received!.headers), secret).not.toContain(secret);

    // What the browser's push service would hand over after decrypting: to the client's service worker.
    const p = client.page;
    const cdp = await client.context.newCDPSession(p);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on("ServiceWorker.workerRegistrationUpdated", (e) => registrations.push(...e.registrations));
    await cdp.send("ServiceWorker.enable");
    // Deliver only to an activated worker: a push handed to one still installing is dropped (CI, stop 28).
    await p.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => registrations.filter((r) => !r.isDeleted).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const deliver = async () => {
      const registration = registrations.filter((r) => !r.isDeleted).at(-1)!;
      await cdp.send("ServiceWorker.deliverPushMessage", {
        origin: stack.origin,
        registrationId: registration.registrationId,
        data: received!.plaintext,
      });
    };
    await deliver();
    const shown = () =>
      p.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
        })),
      );
    // The worker's own words in the browser's language (the test browser's locale decides, not the app's choice).
    const english = (await p.evaluate(() => navigator.language)).toLowerCase().startsWith("en");
    const expected = english
      ? { title: "New message in Obhut", body: "Tap to open." }
      : { title: "Neue Nachricht in Obhut", body: "Zum Öffnen tippen." };
    // The worker may have to start first; like a push service, hand the message over again if nothing shows
    // (one tag: a repeat replaces the notice, it never adds a second).
    let polls = 0;
    await expect
      .poll(
        async () => {
          const now = await shown();
          if (now.length === 0 && ++polls % 20 === 0) await deliver();
          return now;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toEqual([{ ...expected, tag: "obhut-new_answer" }]);
    expect(push.received()).toHaveLength(1);
  });

  it("the client removes the device; the list is empty", async () => {
    const s = section(client.page);
    await s.getByRole("button", { name: /^Benachrichtigung über 127\.0\.0\.1 seit .+ entfernen$/ }).click();
    await s.getByRole("status").filter({ hasText: "Das Gerät wird nicht mehr benachrichtigt." }).waitFor();
    await s.getByText("Zurzeit wird kein Gerät benachrichtigt.").waitFor();
  });

  it("is axe clean", () => {
    expect(violations).toEqual([]);
  });
});
