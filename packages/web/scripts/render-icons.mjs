// SPDX-License-Identifier: AGPL-3.0-or-later
// Renders public/icons/icon.svg to the PNG sizes the manifest lists, with the
// local Chromium (nothing is downloaded). Run once after changing the SVG:
//   node packages/web/scripts/render-icons.mjs
// The PNGs are committed, so builds do not depend on a browser.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const dir = fileURLToPath(new URL("../public/icons/", import.meta.url));
const svg = await readFile(dir + "icon.svg", "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  for (const [name, size, padding] of [
    ["icon-192.png", 192, 0],
    ["icon-512.png", 512, 0],
    ["icon-maskable-512.png", 512, 0.1],
  ]) {
    await page.setViewportSize({ width: size, height: size });
    // Maskable icons keep the artwork inside the 80 % safe zone.
    const inner = Math.round(size * (1 - 2 * padding));
    const html =
      `<html><body style="margin:0;background:#0b5563;display:grid;place-items:center;width:${size}px;height:${size}px">` +
      `<img width="${inner}" height="${inner}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></body></html>`;
    await page.setContent(html);
    await writeFile(dir + name, await page.screenshot({ omitBackground: false }));
  }
} finally {
  await browser.close();
}
