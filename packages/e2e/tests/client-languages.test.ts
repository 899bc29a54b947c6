// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPage, VIEWPORTS } from "../src/app";
import { axeAt360, CLIENT_TEXTS, clientEnquiry } from "../src/counselling";
import { tabTo } from "../src/setup";
import type { Stack } from "../src/stack";
import { startTestStack } from "./helpers";

/**
 * The client languages beyond German and English (issue #22, ADR 0046), in
 * real Chromium against `obhut serve --demo` at 360 px: a client opens the
 * start page, chooses Arabic in the language menu by clicking, and walks
 * finder → agency → enquiry → sign-up → first message in Arabic, right to
 * left: `dir=rtl` on the document on every page, the header and their own
 * message mirrored (measured by position), the emergency numbers as in
 * German, axe clean on every page; the finder filters by the language the
 * agency's counsellors speak; on the account page the settings (e-mail and
 * device notices, quiet hours, form of address, my data) are in Arabic too,
 * with no part marked as an English fallback, and so is the page of consents
 * and contact ways behind it. A second client reaches "Leichte
 * Sprache" with the keyboard only and walks the same way in easy language.
 * The choice lives in sessionStorage only; nothing in localStorage.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack({ args: ["--demo"], env: { OBHUT_RATE_LIMITS: "auth=200" } });
});

afterAll(async () => {
  await stack?.stop();
});

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("element has no box");
  return b;
}

/** The brand link and the quick-exit button: which one sits further left. */
async function headerOrder(page: Page): Promise<"brand-left" | "brand-right"> {
  const brand = await box(page.locator(".site-header .brand"));
  const exit = await box(page.getByRole("button", { name: /^(Schnell verlassen|خروج سريع|Schnell weg)$/ }));
  return brand.x < exit.x ? "brand-left" : "brand-right";
}

async function documentLanguage(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    stored: Object.keys(localStorage).length,
  }));
}

describe.sequential("client pages in Arabic (right to left) and Leichte Sprache", () => {
  it("walks the way in Arabic after clicking the language menu: dir=rtl, mirrored layout, axe clean", async () => {
    const client = await stack.actor("client-ar", { viewport: VIEWPORTS.mobile });
    const page = client.page;
    const violations: string[] = [];
    await loadPage(page, "/");
    expect(await headerOrder(page)).toBe("brand-left");

    client.step("opens 'Weitere Sprachen' and clicks العربية (marked as not yet reviewed)");
    await page.getByRole("button", { name: /Weitere Sprachen/ }).click();
    const arabic = page.getByRole("button", { name: /العربية/ });
    await expect(arabic.textContent()).resolves.toContain("لم يراجعها متحدث أصلي بعد");
    violations.push(...(await axeAt360(page, "language menu open")));
    await arabic.click();
    await page.locator("html[lang=ar][dir=rtl]").waitFor({ state: "attached" });
    await page.getByRole("heading", { level: 1, name: "ابحث عن استشارة" }).waitFor();
    expect(await headerOrder(page)).toBe("brand-right");

    client.step("the finder filters by the language the counsellors speak (the demo agency: de, en)");
    const topic = page.locator("#finder-topic option", { hasText: CLIENT_TEXTS.ar.topic }).first();
    await topic.waitFor({ state: "attached" });
    await page.selectOption("#finder-topic", (await topic.getAttribute("value"))!);
    await page.check("#finder-where-online");
    const spoken = page.getByLabel("لغة الاستشارة");
    await spoken.selectOption("ar");
    await page.getByRole("button", { name: "ابحث عن مراكز استشارات" }).click();
    await page.getByText("لم نجد مركز استشارات لهذا الاختيار").waitFor();
    await spoken.selectOption("en");
    await page.getByRole("button", { name: "ابحث عن مراكز استشارات" }).click();
    await page.locator(".agency-card", { hasText: CLIENT_TEXTS.ar.agency }).waitFor();

    client.step("finder → agency → enquiry → sign-up → first message, in Arabic");
    const seen: string[] = [];
    violations.push(
      ...(await clientEnquiry(page, {
        texts: CLIENT_TEXTS.ar,
        username: "arabic-" + Date.now().toString(36),
        password: "Ein langer Satz über Wolken und Regen 7",
        message: "مرحبًا، أحتاج إلى مساعدة.",
        onPage: async (label) => {
          const doc = await documentLanguage(page);
          seen.push(`${label}: ${doc.lang} ${doc.dir}`);
          expect(doc, label).toEqual({ lang: "ar", dir: "rtl", stored: 0 });
        },
      })),
    );
    expect(seen.length).toBeGreaterThanOrEqual(7);

    client.step("the conversation: own message at the left edge, emergency numbers as in German");
    const own = await box(page.locator(".timeline__message--own").first());
    const timeline = await box(page.locator(".timeline"));
    const leftGap = own.x - timeline.x;
    const rightGap = timeline.x + timeline.width - (own.x + own.width);
    expect(leftGap).toBeLessThan(rightGap);
    const footer = page.locator(".emergency-footer");
    expect(await footer.locator("a.tel-link").allTextContents()).toEqual([
      "112",
      "0800 111 0 111",
      "0800 111 0 222",
      "116 111",
    ]);
    await expect(footer.textContent()).resolves.toContain("في حالة الطوارئ");
    await expect(page.getByRole("button", { name: "خروج سريع" }).isVisible()).resolves.toBe(true);
    violations.push(...(await axeAt360(page, "conversation")));

    client.step("the account page: password, devices, notices, quiet hours and my data in Arabic, no English part");
    await page.locator("nav.main-nav").getByRole("link", { name: "الحساب", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "حسابك" }).waitFor();
    await page.getByRole("heading", { name: "تغيير كلمة المرور" }).waitFor();
    await page.getByRole("heading", { name: "الأجهزة المسجَّل دخولها" }).waitFor();
    await page.getByRole("heading", { name: "إشعار عبر البريد الإلكتروني" }).waitFor();
    await page.getByRole("heading", { name: "أوقات الراحة" }).waitFor();
    await page.getByLabel("الالتزام بأوقات الراحة").check();
    await page.getByLabel("وأيضًا في عطلة نهاية الأسبوع (السبت والأحد طوال اليوم)").waitFor({ state: "attached" });
    await page.getByRole("heading", { name: "بياناتك" }).waitFor();
    expect(await page.locator("main [lang]").count()).toBe(0);
    violations.push(...(await axeAt360(page, "account")));

    client.step("consents and contact ways, one click away, in Arabic");
    await page.getByRole("link", { name: "موافقاتي وطرق التواصل معي" }).click();
    await page.getByRole("heading", { level: 1, name: "موافقاتي وطرق التواصل معي" }).waitFor();
    await page.getByRole("heading", { name: "كيف يجوز لنا أن نتواصل معك" }).waitFor();
    expect(await page.locator("main [lang]").count()).toBe(0);
    violations.push(...(await axeAt360(page, "consents and contact ways")));
    expect(violations).toEqual([]);
  });

  it("walks the way in Leichte Sprache, the language reached with the keyboard", async () => {
    const client = await stack.actor("client-ls", { viewport: VIEWPORTS.mobile });
    const page = client.page;
    await loadPage(page, "/");

    client.step("Tab to 'Weitere Sprachen', Enter, Tab to 'Leichte Sprache', Enter");
    await tabTo(page, ".language-switcher__more");
    await page.keyboard.press("Enter");
    await tabTo(page, ".language-switcher__button[lang=de-x-ls]");
    await page.keyboard.press("Enter");
    await page.locator("html[lang=de-x-ls][dir=ltr]").waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Schnell weg" }).waitFor();
    expect(await headerOrder(page)).toBe("brand-left");

    const violations = await clientEnquiry(page, {
      texts: CLIENT_TEXTS["de-x-ls"],
      username: "leicht-" + Date.now().toString(36),
      password: "Ein langer Satz über Wolken und Regen 7",
      message: "Hallo, ich brauche Hilfe.",
      onPage: async (label) => expect((await documentLanguage(page)).lang, label).toBe("de-x-ls"),
    });
    await page.getByText("Ihre Frage ist angekommen. Ein Berater meldet sich bei Ihnen.").waitFor();
    // Left to right: one's own message at the right edge (the mirror image of the Arabic case).
    const own = await box(page.locator(".timeline__message--own").first());
    const timeline = await box(page.locator(".timeline"));
    expect(timeline.x + timeline.width - (own.x + own.width)).toBeLessThan(own.x - timeline.x);
    expect(violations).toEqual([]);
  });
});
