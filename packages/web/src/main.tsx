// SPDX-License-Identifier: AGPL-3.0-or-later
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app";
import { guardBackForwardCache } from "./components/quick-exit";
import { config } from "./config";
import { createI18n, initialLanguage, isLanguage, languageMeta, loadLanguage, staffLanguage } from "./i18n";
import { beginDeviceRestore } from "./keys/restore-at-start";
import { registerServiceWorker } from "./pwa/register-service-worker";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/counselling.css";

const language = initialLanguage(safeSessionStorage(), window.location.search);
const i18n = createI18n(language);
// `lang` and `dir` on the document: screen readers pick the voice, CSS
// logical properties mirror the layout for Arabic and Farsi (ADR 0046).
const syncLang = (language: string) => {
  const meta = languageMeta(isLanguage(language) ? language : "de");
  document.documentElement.lang = meta.tag;
  document.documentElement.dir = meta.dir;
};
syncLang(i18n.language);
i18n.on("languageChanged", syncLang);

guardBackForwardCache(config.quickExitUrl);
registerServiceWorker();

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
// A staff device key (opt-in) re-opens the keys after a reload; the check is local and fast.
// A client-only language's catalogue is its own chunk; if it cannot load, German or English it is.
const languageReady = loadLanguage(i18n, language).catch(() => i18n.changeLanguage(staffLanguage(language)));
void Promise.allSettled([beginDeviceRestore(), languageReady]).finally(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App config={config} />
      </I18nextProvider>
    </StrictMode>,
  ),
);

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
