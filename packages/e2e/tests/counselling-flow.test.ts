// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viaStaffShell } from "../src/accounts";
import { loadPage, useLanguage, VIEWPORTS } from "../src/app";
import type { Actor } from "../src/browser";
import {
  axeAt360,
  CLIENT_TEXTS,
  clientEnquiry,
  counsellorLogin,
  demoPassword,
  goInApp,
  plaintextHits,
} from "../src/counselling";
import { tabTo } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * Issue 6 "done when", in real Chromium against `obhut serve --demo`, with
 * three browser contexts: a client and two counsellors (A, B) of the demo
 * intake team. finder → sign-up → enquiry → both inboxes see it live →
 * accept race (exactly one wins, the other is told who) → conversation both
 * ways with attachments decrypted on the other side → internal note →
 * handover with a note → the client sees who answers → close → the client
 * reopens by writing → PDF export (download + audit event) → absence notice
 * and automatic reply. The client part runs again in English. axe at 360 px
 * on every page. Finally every stored byte and the server log are searched
 * for the plaintexts typed: none may be there.
 *
 * The steps share one stack and run in order; each `it` is one chapter.
 */
let stack: Stack;
let client: Actor;
let a: Actor;
let b: Actor;
/** The counsellor who won the accept race, and the other one. */
let winner: Actor;
let loser: Actor;
let winnerName: string;
let loserName: string;
let loserUsername: string;
const violations: string[] = [];

const PASSWORD = "Ein langer Satz über Wolken und Regen 7";
const T = {
  enquiry: "Hallo, mein Sohn schwänzt seit Wochen die Schule und ich weiß nicht weiter.",
  clientFileName: "attest-kinderarzt.txt",
  clientFile: Buffer.from("Attest Kinderarzt: Bauchschmerzen morgens vor der Schule\n".repeat(3000)),
  counsellorReply: "Guten Tag, danke für Ihr Vertrauen. Seit wann genau geht er nicht mehr hin?",
  counsellorFileName: "elternbrief-schulsozialarbeit.txt",
  counsellorFile: Buffer.from("Elternbrief Schulsozialarbeit: Sprechstunde dienstags\n".repeat(500)),
  clientAnswer: "Seit den Herbstferien, ungefähr vier Wochen.",
  note: "Interne Einschätzung: Schulangst wahrscheinlich, Kontakt Schulsozialarbeit anregen.",
  handoverNote: "Übergabe wegen Urlaub, Mutter ist sehr besorgt, bitte zeitnah melden.",
  afterHandover: "Ich habe das Gespräch übernommen und melde mich morgen ausführlich.",
  reopen: "Entschuldigung, eine Frage hätte ich doch noch zum Elterngespräch.",
  absence: "Ich bin bis Montag nicht im Büro. In Notfällen: Telefonseelsorge 0800 111 0 111.",
  absenceInformal: "Ich bin bis Montag weg. Wenn es brennt, ruf die Telefonseelsorge an: 0800 111 0 111.",
  whileAbsent: "Danke, ich warte bis Montag auf Ihre Antwort.",
  englishEnquiry: "Hello, my daughter has stopped eating properly and I am worried.",
  englishReply: "Hello, thank you for writing. How long has this been going on?",
};

/**
 * API answers ≥ 400 that belong to the flow: the session probe before login,
 * the lost accept race and the colleague's case that is now closed to the
 * loser (break glass). The staff browser no longer asks the organisation's
 * directory for a client's keys (clients belong to none; it trusts the
 * signer of the case's first epoch, see messaging/team-keys.ts).
 */
const EXPECTED_FAILURES = [
  /^401 GET \/api\//,
  /^409 POST \/api\/cases\/[\w-]+\/accept$/,
  /^403 GET \/api\/cases\/[\w-]+$/,
];
const failures = new Map<Actor, string[]>();

function recordFailures(actor: Actor): void {
  const list: string[] = [];
  failures.set(actor, list);
  actor.context.on("response", (response) => {
    if (response.status() < 400) return;
    list.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
}

function expectCleanRun(actor: Actor): void {
  expect(actor.foreignRequests()).toEqual([]);
  expect(actor.cspViolations).toEqual([]);
  expect(actor.pageErrors).toEqual([]);
  const unexpected = (failures.get(actor) ?? []).filter((f) => !EXPECTED_FAILURES.some((re) => re.test(f)));
  expect(unexpected).toEqual([]);
  // Chromium logs every non-2xx answer as a console error; those are checked above by status and path.
  expect(actor.consoleErrors.filter((m) => !/Failed to load resource: the server responded/.test(m))).toEqual([]);
}

/** The composer of the case conversation (not the notes) on the staff case page. */
const replyForm = (page: Page) => page.locator("form.composer:has(#case-reply)");
const staffMessages = (page: Page) => page.locator('ol.message-list[aria-label="Gespräch"] > li');
const notesList = (page: Page) => page.locator('ol.message-list[aria-label="Interne Notizen"] > li');

async function downloadBytes(page: Page, button: ReturnType<Page["locator"]>) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
  client = await stack.actor("client", { viewport: VIEWPORTS.mobile });
  await useLanguage(client.context, "de");
  a = await stack.actor("counsellor-a", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
  b = await stack.actor("counsellor-b", { viewport: VIEWPORTS.mobile, acceptDownloads: true });
  for (const actor of [a, b]) await useLanguage(actor.context, "de");
  for (const actor of [client, a, b]) recordFailures(actor);
});

afterAll(async () => {
  await stack?.stop();
});

describe.sequential("online counselling, both sides, in German", () => {
  const username = "regen-" + Date.now().toString(36);

  it("counsellors A and B log in and land in their (empty) team inbox", async () => {
    await counsellorLogin(a.page, stack, "demo-beraterin");
    await counsellorLogin(b.page, stack, "demo-berater");
    await a.page.locator('.main-nav a[href="/inbox"]').waitFor();
    violations.push(...(await axeAt360(a.page, "inbox (empty)")));
  });

  it("client: finder → agency → sign-up → enquiry with an attachment → greeting", async () => {
    violations.push(
      ...(await clientEnquiry(client.page, {
        texts: CLIENT_TEXTS.de,
        username,
        password: PASSWORD,
        message: T.enquiry,
        file: { name: T.clientFileName, mimeType: "text/plain", buffer: T.clientFile },
      })),
    );
    const page = client.page;
    await page.locator(".live-status", { hasText: "Verbunden" }).waitFor();
    await page.locator(".case-status", { hasText: "angekommen" }).waitFor();
    violations.push(...(await axeAt360(page, "client case (new)")));
  });

  it("A and B see the new enquiry appear live; both accept at once: exactly one wins, the other is told who", async () => {
    for (const c of [a, b]) {
      // No reload: the realtime `case` frame makes the inbox fetch again.
      await c.page.locator(".case-card", { hasText: username }).waitFor({ timeout: 30_000 });
      await c.page.locator(".case-card", { hasText: username }).locator(".case-card__waiting").waitFor();
    }
    violations.push(...(await axeAt360(a.page, "inbox (new enquiry)")));
    for (const c of [a, b]) {
      await c.page.locator(".case-card", { hasText: username }).locator("a").click();
      await c.page.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
      await c.page.getByRole("button", { name: "Anfrage übernehmen", exact: true }).waitFor();
      await staffMessages(c.page).filter({ hasText: T.enquiry }).waitFor({ timeout: 30_000 });
    }
    violations.push(...(await axeAt360(a.page, "staff case (new)")));

    // Hold both accept requests until both browsers have sent theirs, then let them race on the server.
    const held: Route[] = [];
    let release!: () => void;
    const bothSent = new Promise<void>((resolve) => (release = resolve));
    for (const c of [a, b]) {
      await c.page.route("**/api/cases/*/accept", async (route) => {
        held.push(route);
        if (held.length === 2) release();
        await bothSent;
        await route.continue();
      });
    }
    await Promise.all(
      [a, b].map((c) => c.page.getByRole("button", { name: "Anfrage übernehmen", exact: true }).click()),
    );
    await bothSent;
    for (const c of [a, b]) await c.page.unrouteAll({ behavior: "wait" });

    // Each page ends with an assignee; exactly one of them sees itself, the other the "taken" notice.
    const taken = (c: Actor) => c.page.locator(".notice--error", { hasText: "bereits übernommen" });
    await Promise.all(
      [a, b].map((c) =>
        Promise.race([
          taken(c).waitFor({ timeout: 30_000 }),
          c.page.locator(".notice--error, .visually-hidden[role=status]", { hasText: "Erledigt." }).waitFor({
            state: "attached",
            timeout: 30_000,
          }),
        ]),
      ),
    );
    const aLost = (await taken(a).count()) === 1;
    const bLost = (await taken(b).count()) === 1;
    expect([aLost, bLost].filter(Boolean)).toHaveLength(1);
    [winner, loser] = aLost ? [b, a] : [a, b];
    winnerName = (await winner.page.locator("[data-testid=case-assignee]").textContent())!.trim();
    loserName = aLost ? "Frau Berger" : "Herr Roth";
    loserUsername = aLost ? "demo-beraterin" : "demo-berater";
    expect(winnerName).toBe(aLost ? "Herr Roth" : "Frau Berger");
    expect(await taken(loser).textContent()).toContain(`${winnerName} hat diese Anfrage bereits übernommen`);
    violations.push(...(await axeAt360(loser.page, "staff case (lost the race)")));

    // The client sees who answers now, live.
    await client.page.locator(".case-status", { hasText: `Es antwortet: ${winnerName}` }).waitFor({ timeout: 30_000 });
  });

  it("conversation both ways in realtime, attachments decrypted on the other side", async () => {
    const w = winner.page;
    // The client's attachment, downloaded and decrypted in the counsellor's browser.
    const fromClient = await downloadBytes(w, staffMessages(w).locator("button", { hasText: T.clientFileName }));
    expect(fromClient.name).toBe(T.clientFileName);
    expect(Buffer.compare(fromClient.bytes, T.clientFile)).toBe(0);

    await w.fill("#case-reply", T.counsellorReply);
    await replyForm(w).locator("input[type=file]").setInputFiles({
      name: T.counsellorFileName,
      mimeType: "text/plain",
      buffer: T.counsellorFile,
    });
    await replyForm(w).locator("button[type=submit]").click();
    await staffMessages(w).filter({ hasText: T.counsellorReply }).waitFor({ timeout: 30_000 });

    const c = client.page;
    await c.locator(".timeline__message", { hasText: T.counsellorReply }).waitFor({ timeout: 30_000 });
    const fromCounsellor = await downloadBytes(
      c,
      c.locator(".timeline__message button", { hasText: T.counsellorFileName }),
    );
    expect(fromCounsellor.name).toBe(T.counsellorFileName);
    expect(Buffer.compare(fromCounsellor.bytes, T.counsellorFile)).toBe(0);

    await c.fill("#case-compose", T.clientAnswer);
    await c.locator("form.composer button[type=submit]").click();
    await c.locator(".timeline .timeline__message--own", { hasText: T.clientAnswer }).waitFor();
    await staffMessages(w).filter({ hasText: T.clientAnswer }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(c, "client case (active)")));
    violations.push(...(await axeAt360(w, "staff case (active)")));
  });

  it("an internal note, and a handover to the colleague with a note; the client sees who answers now", async () => {
    const w = winner.page;
    await w.fill("#case-note", T.note);
    await w.locator("form.composer:has(#case-note) button[type=submit]").click();
    await notesList(w).filter({ hasText: T.note }).waitFor({ timeout: 30_000 });

    await w.check("#handover-kind-colleague");
    await w.locator("#handover-colleague").waitFor();
    // Presence among staff is on by default: the colleague, whose browser is open, is listed as online (in words).
    const colleague = `${loserUsername} – online`;
    await w
      .locator("#handover-colleague option", { hasText: colleague })
      .waitFor({ state: "attached", timeout: 30_000 });
    await w.selectOption("#handover-colleague", { label: colleague });
    await w.fill("#handover-note", T.handoverNote);
    violations.push(...(await axeAt360(w, "staff case (handover form)")));
    await w.locator("form.staff-form:has(#handover-note) button[type=submit]").click();
    // The page shows the new assignee; once it reloads the case, it is the colleague's (break glass for
    // anyone else, ADR 0018) and the page says who holds it now. Either way the colleague's name is shown.
    await w
      .locator("[data-testid=case-assignee], p.notice[role=status]", { hasText: loserName })
      .first()
      .waitFor({ timeout: 30_000 });

    const l = loser.page;
    await l.locator("[data-testid=case-assignee]", { hasText: loserName }).waitFor({ timeout: 30_000 });
    await notesList(l).filter({ hasText: T.handoverNote }).waitFor({ timeout: 30_000 });
    await notesList(l).filter({ hasText: T.note }).waitFor();
    await l.locator("#case-reply").waitFor();
    await l.fill("#case-reply", T.afterHandover);
    await replyForm(l).locator("button[type=submit]").click();

    const c = client.page;
    await c.locator(".case-status", { hasText: `Es antwortet: ${loserName}` }).waitFor({ timeout: 30_000 });
    await c.locator(".timeline__event--handed_over", { hasText: loserName }).waitFor();
    await c.locator(".timeline__message", { hasText: T.afterHandover }).waitFor({ timeout: 30_000 });
  });

  it("presence: the administrator lets clients see their counsellor online; the client sees it", async () => {
    const c = client.page;
    // Off by default for clients: nothing shown although the counsellor's browser is open.
    expect(await c.locator("[data-testid=counsellor-presence]").count()).toBe(0);
    const admin = await stack.actor("admin", { viewport: VIEWPORTS.mobile });
    await useLanguage(admin.context, "de");
    await loadPage(admin.page, "/staff");
    await admin.page.fill("#staff-username", "demo-admin");
    await admin.page.fill("#staff-password", await demoPassword(stack, "demo-admin"));
    await admin.page.locator("form button[type=submit]").click();
    await admin.page.waitForURL("**/admin", { timeout: 60_000 });
    await goInApp(admin.page, "/admin/policies");
    await admin.page.check("#presence-clients");
    violations.push(...(await axeAt360(admin.page, "admin policies (messaging)")));
    await admin.page.getByRole("button", { name: "Regeln für Nachrichten speichern" }).click();
    await admin.page.getByRole("status").filter({ hasText: "Die Regeln für Nachrichten sind gespeichert." }).waitFor();
    // Applied to the open connection at once: no reload.
    await c
      .locator("[data-testid=counsellor-presence]", { hasText: `${loserName} ist gerade online.` })
      .waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(c, "client case (counsellor online)")));
  });

  it("close; the client reopens by writing", async () => {
    const l = loser.page;
    await l.locator("button", { hasText: "Fall abschließen" }).click();
    await l.locator("[data-testid=case-state]", { hasText: "Abgeschlossen" }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(l, "staff case (closed)")));

    const c = client.page;
    await c.locator(".case-status .notice", { hasText: "abgeschlossen" }).waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(c, "client case (closed)")));
    await c.fill("#case-compose", T.reopen);
    await c.locator("form.composer button[type=submit]").click();
    await c.locator(".timeline .timeline__message--own", { hasText: T.reopen }).waitFor();
    await c.locator(".timeline__event--reopened").waitFor({ timeout: 30_000 });

    await l.locator("[data-testid=case-state]", { hasText: "In Beratung" }).waitFor({ timeout: 30_000 });
    await staffMessages(l).filter({ hasText: T.reopen }).waitFor({ timeout: 30_000 });
  });

  it("the counsellor exports the case file as a PDF: a download, and an audit event", async () => {
    const l = loser.page;
    const button = l.locator("button", { hasText: "PDF erstellen" });
    await button.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([l.waitForEvent("download", { timeout: 60_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^case-.+\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(stack.dataDir, "obhut.sqlite"), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT actor_id, target_type, data FROM audit_events WHERE action = 'case.exported'")
        .all() as { actor_id: string; target_type: string; data: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.target_type).toBe("case");
      // Counts only, never content.
      expect(rows[0]!.data).not.toContain(T.reopen);
    } finally {
      db.close();
    }
  });

  it("absence notice: shown to the client, and an automatic reply when the client writes", async () => {
    const l = loser.page;
    const caseUrl = l.url();
    await goInApp(l, "/inbox/absence");
    await l.locator("#absence-message").waitFor();
    await l.check("#absence-active");
    await l.fill("#absence-message", T.absence);
    // Written twice: this case's topic says "Sie", so the client must get the formal one.
    await l.getByLabel("Nachricht mit „du“").fill(T.absenceInformal);
    await l.locator("form.staff-form button[type=submit]").click();
    await l.locator(".notice--success").waitFor();
    violations.push(...(await axeAt360(l, "absence")));

    const c = client.page;
    await c.fill("#case-compose", T.whileAbsent);
    await c.locator("form.composer button[type=submit]").click();
    await c.locator(".timeline__event--absence_reply", { hasText: T.absence }).waitFor({ timeout: 30_000 });
    await c.locator(".case-status .notice--warn", { hasText: T.absence }).waitFor();
    expect(await c.getByText(T.absenceInformal).count()).toBe(0);
    violations.push(...(await axeAt360(c, "client case (absence)")));

    // The team lead hears of a client waiting on an absent counsellor (ADR 0051), content-free, with the case.
    const lead = await stack.actor("lead", { viewport: VIEWPORTS.mobile });
    await useLanguage(lead.context, "de");
    await counsellorLogin(lead.page, stack, "demo-leitung");
    await lead.page
      .getByRole("navigation", { name: "Hauptnavigation" })
      .getByRole("link", { name: /^Benachrichtigungen/ })
      .click();
    await lead.page
      .getByRole("link", { name: "Neue Nachricht in einem Fall, dessen Fachkraft abwesend ist" })
      .waitFor({ timeout: 30_000 });
    expect(await lead.page.locator("main").innerText()).not.toContain(T.whileAbsent);
    violations.push(...(await axeAt360(lead.page, "lead's bell (absent counsellor)")));

    // Back on the case: the counsellor sees their own notice as the client does.
    await goInApp(l, new URL(caseUrl).pathname + new URL(caseUrl).search);
    await l.locator(".notice--warn", { hasText: T.absence }).waitFor({ timeout: 30_000 });
    await staffMessages(l).filter({ hasText: T.whileAbsent }).waitFor({ timeout: 30_000 });

    // The internal notes never reached the client's screen.
    const seen = await c.content();
    expect(seen).not.toContain(T.note);
    expect(seen).not.toContain(T.handoverNote);

    // Back in the inbox, the counsellor is reminded that the notice still answers clients, and switches it off.
    await viaStaffShell(l, "Posteingang", "/inbox");
    const reminder = l.getByRole("region", { name: "Ihre Abwesenheitsnotiz ist eingeschaltet" });
    await reminder.waitFor({ timeout: 30_000 });
    violations.push(...(await axeAt360(l, "inbox with the absence reminder")));
    await reminder.getByRole("button", { name: "Abwesenheitsnotiz ausschalten" }).click();
    await l.getByRole("status").filter({ hasText: "Die Abwesenheitsnotiz ist ausgeschaltet." }).waitFor();
    expect(await reminder.count()).toBe(0);
  });
});

describe.sequential("online counselling, the client part in English", () => {
  it("finder → agency → sign-up → enquiry → greeting; the counsellor's reply arrives live", async () => {
    const english = await stack.actor("client-en", { viewport: VIEWPORTS.mobile });
    recordFailures(english);
    await useLanguage(english.context, "en");
    const username = "cloud-" + Date.now().toString(36);
    violations.push(
      ...(await clientEnquiry(english.page, {
        texts: CLIENT_TEXTS.en,
        username,
        password: PASSWORD,
        message: T.englishEnquiry,
      })),
    );
    const e = english.page;
    await e.locator(".case-status", { hasText: "arrived" }).waitFor();
    await e.locator(".live-status", { hasText: "Connected" }).waitFor();
    violations.push(...(await axeAt360(e, "client case en (new)")));

    // The counsellor does this part with the keyboard alone.
    const w = winner.page;
    await goInApp(w, "/inbox");
    const card = w.locator(".case-card", { hasText: username });
    await card.waitFor({ timeout: 30_000 });
    await tabTo(w, `.case-card[data-case-id="${await card.getAttribute("data-case-id")}"] a`);
    await w.keyboard.press("Enter");
    await w.waitForURL(/\/inbox(\/case\?id=|\?(.*&)?case=)/, { waitUntil: "commit" });
    await w.getByRole("button", { name: "Anfrage übernehmen", exact: true }).waitFor();
    await tabTo(w, "button.button--primary");
    expect(await w.evaluate(() => document.activeElement?.textContent)).toBe("Anfrage übernehmen");
    await w.keyboard.press("Enter");
    await w.locator("[data-testid=case-assignee]", { hasText: winnerName }).waitFor({ timeout: 30_000 });
    await w.locator("#case-reply").waitFor({ timeout: 30_000 });
    await tabTo(w, "#case-reply");
    await w.keyboard.type(T.englishReply);
    await tabTo(w, "form.composer:has(#case-reply) button[type=submit]");
    await w.keyboard.press("Enter");

    await e.locator(".timeline__message", { hasText: T.englishReply }).waitFor({ timeout: 30_000 });
    await e.locator(".case-status", { hasText: winnerName }).waitFor();
    violations.push(...(await axeAt360(e, "client case en (active)")));
    expectCleanRun(english);
  });
});

describe("after the whole flow", () => {
  it("no page had an axe violation at 360 px, and no browser a CSP violation, page error or foreign request", () => {
    expect(violations).toEqual([]);
    for (const actor of [client, a, b]) expectCleanRun(actor);
  });

  it("no typed plaintext is in the database, its WAL, the blobs or the server log", async () => {
    const typed = [
      T.enquiry,
      T.clientFileName,
      "Attest Kinderarzt: Bauchschmerzen",
      T.counsellorReply,
      T.counsellorFileName,
      "Elternbrief Schulsozialarbeit: Sprechstunde",
      T.clientAnswer,
      T.note,
      T.handoverNote,
      T.afterHandover,
      T.reopen,
      T.whileAbsent,
      T.englishEnquiry,
      T.englishReply,
    ];
    expect(await plaintextHits(stack, typed)).toEqual([]);
    // The search does find what is stored in plaintext by design (the absence notice): it is not blind.
    expect((await plaintextHits(stack, [T.absence])).length).toBeGreaterThan(0);
  });
});
