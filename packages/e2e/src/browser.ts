// SPDX-License-Identifier: AGPL-3.0-or-later
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

/** Debian's Chromium; never downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without the background-networking flags Chromium phones home to Google,
// which would both fail offline and pollute the "no other origin" checks.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** True when the service worker (not the page) made the request. */
  fromServiceWorker: boolean;
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
}

/**
 * One person in a test, in an isolated browser context. Everything the
 * context does on the network, every console error, uncaught page error and
 * CSP violation is recorded so tests can assert on them afterwards.
 */
export interface Actor {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly requests: RecordedRequest[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly cspViolations: CspViolation[];
  /** Requests whose origin is not the Obhut server's (data:/blob: excluded). */
  foreignRequests(): RecordedRequest[];
  /** Logs a test step with the actor's name, like Signal-Desktop's e2e logs. */
  step(message: string): void;
}

export async function createActor(
  browser: Browser,
  name: string,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<Actor> {
  const context = await browser.newContext({ baseURL: origin, serviceWorkers: "allow", ...options });
  const requests: RecordedRequest[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: CspViolation[] = [];

  context.on("request", (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      fromServiceWorker: request.serviceWorker() !== null,
    });
  });

  await context.exposeBinding("__obhutReportCsp", (_source, violation: CspViolation) => {
    cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __obhutReportCsp: (v: unknown) => void }).__obhutReportCsp;
      report({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile });
    });
  });

  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  };
  context.on("page", watch);
  const page = await context.newPage();

  return {
    name,
    context,
    page,
    requests,
    consoleErrors,
    pageErrors,
    cspViolations,
    foreignRequests: () =>
      requests.filter((r) => {
        if (r.url.startsWith("data:") || r.url.startsWith("blob:")) return false;
        try {
          return new URL(r.url).origin !== origin;
        } catch {
          return true;
        }
      }),
    step(message: string) {
      if (process.env.OBHUT_E2E_VERBOSE) console.log(`[${name}] ${message}`);
    },
  };
}
