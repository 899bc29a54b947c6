// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReactNode } from "react";
import { isLanguage, languageMeta, STAFF_LANGUAGES, staffLanguage } from "../i18n";
import { useT } from "../i18n/use-t";

/**
 * Wraps a part of a client page whose texts the client-only languages do not
 * translate yet (the account page's settings for notifications, quiet hours,
 * the German form of address, and the way to data requests and consents).
 * There i18next falls back to English (German for Leichte Sprache); this marks
 * the part with that language and direction, so a screen reader reads English
 * with an English voice inside an Arabic page (WCAG 3.1.2; ADR 0046).
 */
export function FallbackLanguage({ children }: { children: ReactNode }) {
  const { i18n } = useT();
  const language = i18n.language;
  if (!isLanguage(language) || STAFF_LANGUAGES.includes(language)) return <>{children}</>;
  const meta = languageMeta(staffLanguage(language));
  return (
    <div lang={meta.tag} dir={meta.dir}>
      {children}
    </div>
  );
}
