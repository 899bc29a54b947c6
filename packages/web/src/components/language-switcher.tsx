// SPDX-License-Identifier: AGPL-3.0-or-later
import { LANGUAGES, rememberLanguage, type Language } from "../i18n";
import { useT } from "../i18n/use-t";

export function LanguageSwitcher() {
  const { t, i18n } = useT();
  const choose = (language: Language) => {
    rememberLanguage(window.sessionStorage, language);
    void i18n.changeLanguage(language);
  };
  return (
    <div className="language-switcher" role="group" aria-label={t("layout.language.label")}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switcher__button"
          aria-pressed={i18n.language === language}
          onClick={() => choose(language)}
        >
          {t(`layout.language.${language}`)}
        </button>
      ))}
    </div>
  );
}
