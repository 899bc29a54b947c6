// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../src/a11y";
import { launchChromium } from "../src/browser";

/**
 * The accessibility check every browser test relies on must find what it claims to: a missing alternative text, an
 * unlabelled field, too little contrast, on the page itself and inside a frame, and again after the page changed
 * (axe stays injected in a document between checks).
 */
let browser: Browser;
let page: Page;

const FLAWED = `<!doctype html><html lang="de"><head><title>Prüfseite</title></head><body><main>
  <h1>Prüfseite</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <input type="text"><p style="color:#bbb;background:#fff">kaum lesbar</p></main></body></html>`;
const CLEAN = `<!doctype html><html lang="de"><head><title>Prüfseite</title></head><body><main>
  <h1>Prüfseite</h1><label for="n">Name</label> <input id="n" type="text"></main></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => browser?.close());

describe("axeViolations", () => {
  it("reports nothing on a clean page", async () => {
    await page.setContent(CLEAN);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("finds an image without text, an unlabelled field and low contrast, also after the page changed", async () => {
    await page.setContent(CLEAN);
    expect(await axeViolations(page)).toEqual([]);
    // Same document, new content: the injected axe checks what is there now.
    await page.evaluate((html) => {
      document.body.innerHTML = new DOMParser().parseFromString(html, "text/html").body.innerHTML;
    }, FLAWED);
    const ids = (await axeViolations(page)).map((v) => v.split(" ")[0]);
    expect(ids).toEqual(expect.arrayContaining(["image-alt", "label", "color-contrast"]));
    // A new document: axe is injected again.
    await page.setContent(FLAWED);
    expect((await axeViolations(page)).map((v) => v.split(" ")[0])).toContain("image-alt");
  });

  it("checks inside frames too", async () => {
    const inner = FLAWED.replace(/"/g, "&quot;");
    await page.setContent(
      `<!doctype html><html lang="de"><head><title>Rahmen</title></head><body><main><h1>Rahmen</h1>` +
        `<iframe title="Innen" srcdoc="${inner}"></iframe></main></body></html>`,
    );
    await page.frames()[1]!.waitForLoadState();
    const found = await axeViolations(page);
    expect(found.map((v) => v.split(" ")[0])).toContain("image-alt");
    expect(found.join("\n")).toContain("iframe");
  });
});
