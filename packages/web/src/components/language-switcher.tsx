// SPDX-License-Identifier: AGPL-3.0-or-later
import { useId, useState } from "react";
import { LANGUAGES, STAFF_LANGUAGES, languageMeta, rememberLanguage, switchLanguage, type Language } from "../i18n";
import { useT } from "../i18n/use-t";

/**
 * Deutsch and English as buttons on every page; on client pages a
 * "Weitere Sprachen" disclosure opens the client-only languages, each in its
 * own script and direction, with the note (in that language) while a native
 * speaker has not reviewed it yet (ADR 0046). The choice lives in
 * sessionStorage only: nothing lasting stays on a shared device.
 */
export function LanguageSwitcher({ clientFacing }: { clientFacing: boolean }) {
  const { t, i18n } = useT();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const choose = (language: Language) => {
    rememberLanguage(window.sessionStorage, language);
    setOpen(false);
    void switchLanguage(i18n, language);
  };
  const more = clientFacing ? LANGUAGES.filter((l) => !STAFF_LANGUAGES.includes(l)) : [];
  const button = (language: Language) => {
    const meta = languageMeta(language);
    return (
      <button
        key={language}
        type="button"
        lang={meta.tag}
        dir={meta.dir}
        className="language-switcher__button"
        aria-pressed={i18n.language === language}
        onClick={() => choose(language)}
      >
        {meta.name}
        {meta.reviewNote ? <span className="language-switcher__review"> ({meta.reviewNote})</span> : null}
      </button>
    );
  };
  const englishHint = i18n.language !== "en" && !i18n.language.startsWith("de");
  return (
    <div className="language-switcher" role="group" aria-label={t("layout.language.label")}>
      {STAFF_LANGUAGES.map(button)}
      {more.length > 0 ? (
        <>
          <button
            type="button"
            className="language-switcher__button language-switcher__more"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
          >
            <GlobeIcon />
            {t("languages.more")}
            {englishHint ? <span lang="en"> · More languages</span> : null}
          </button>
          <div id={listId} className="language-switcher__list" hidden={!open}>
            {more.map(button)}
          </div>
        </>
      ) : null}
    </div>
  );
}

/** A globe drawn inline (not the emoji, which some phones lack): the sign for "languages" that needs no reading. */
function GlobeIcon() {
  return (
    <svg
      className="language-switcher__globe"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9s1.3-6.3 3.8-9z" />
    </svg>
  );
}
