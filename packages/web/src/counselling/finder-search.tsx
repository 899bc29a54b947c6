// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { TextField } from "../components/text-field";
import { LANGUAGES, languageMeta } from "../i18n";
import { useT } from "../i18n/use-t";
import { findAgencies, listTopics } from "../messaging/endpoints";
import { FinderResults } from "./finder-results";

type Where = "postcode" | "online";

/** The languages one can ask for: those of the client pages, by primary subtag ("de-x-ls" is German). */
const SPOKEN = [...new Set(LANGUAGES.map((l) => languageMeta(l).tag.split("-")[0]!))];

/** "ar" → "Arabisch" in the page's language, followed by its own name where that differs ("Arabisch – العربية"). */
function spokenName(code: string, pageTag: string): string {
  try {
    const inPage = new Intl.DisplayNames([pageTag], { type: "language" }).of(code) ?? code;
    const own = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
    return inPage.toLocaleLowerCase() === own.toLocaleLowerCase() ? inPage : `${inPage} – ${own}`;
  } catch {
    return code;
  }
}

/**
 * Agency finder: topic, then a postcode or "online, anywhere". The server
 * shuffles the order per request (no agency is always first); we keep it.
 * Nothing is stored: the search lives in this component's state only.
 * The start page shows it first thing; /finder (older links) shows it alone.
 */
export function FinderSearch() {
  const { t, i18n } = useT();
  const [topicId, setTopicId] = useState("");
  const [language, setLanguage] = useState("");
  const [where, setWhere] = useState<Where>("postcode");
  const [postcode, setPostcode] = useState("");
  const [errors, setErrors] = useState<{ topic?: string; postcode?: string }>({});
  const [results, setResults] = useState<AgencyView[] | null>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const [searches, setSearches] = useState(0);
  const topicList = useLoad((signal) => api.request(listTopics, { signal }), []);
  const topics = topicList.kind === "ready" ? topicList.value.topics : null;
  const finding = useAction(
    async (query: ({ topicId: string; online: "1" } | { topicId: string; postcode: string }) & { language?: string }) =>
      (await api.request(findAgencies, { query })).agencies,
  );
  const failed = topicList.kind === "failed" || finding.error !== null;
  const busy = finding.pending;

  useEffect(() => {
    if (searches > 0) resultsRef.current?.focus();
  }, [searches]);

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!topicId) found.topic = t("finder.topicMissing");
    if (where === "postcode" && !/^[0-9]{5}$/.test(postcode.trim())) found.postcode = t("finder.postcodeInvalid");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.topic ? "finder-topic" : "finder-postcode")?.focus();
      return;
    }
    const place = where === "online" ? { topicId, online: "1" as const } : { topicId, postcode: postcode.trim() };
    const outcome = await finding.run(language ? { ...place, language } : place);
    if ("ignored" in outcome) return;
    // The last results stay until the new ones are there.
    setResults(outcome.ok ? outcome.value : null);
    setSearches((n) => n + 1);
  };

  return (
    <>
      <form className="form" noValidate onSubmit={(event) => void search(event)}>
        <div className={errors.topic ? "field field--invalid" : "field"}>
          <label htmlFor="finder-topic">{t("finder.topic")}</label>
          {errors.topic ? (
            <p id="finder-topic-error" className="field__error">
              {errors.topic}
            </p>
          ) : null}
          <select
            id="finder-topic"
            value={topicId}
            onChange={(event) => setTopicId(event.target.value)}
            aria-invalid={errors.topic ? true : undefined}
            aria-describedby={errors.topic ? "finder-topic-error" : undefined}
            disabled={topics === null}
          >
            <option value="">{topics === null ? t("finder.topicsLoading") : "–"}</option>
            {(topics ?? []).map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.name} ({topic.organisationName})
              </option>
            ))}
          </select>
        </div>
        {topics !== null && topics.length === 0 ? <p className="notice">{t("finder.noTopics")}</p> : null}
        <fieldset className="fieldset">
          <legend>{t("finder.where")}</legend>
          <div className="checkbox-field">
            <input
              type="radio"
              id="finder-where-postcode"
              name="finder-where"
              checked={where === "postcode"}
              onChange={() => setWhere("postcode")}
            />
            <label htmlFor="finder-where-postcode">{t("finder.byPostcode")}</label>
          </div>
          <div className="checkbox-field">
            <input
              type="radio"
              id="finder-where-online"
              name="finder-where"
              checked={where === "online"}
              onChange={() => setWhere("online")}
            />
            <label htmlFor="finder-where-online">{t("finder.online")}</label>
          </div>
        </fieldset>
        {where === "postcode" ? (
          <TextField
            id="finder-postcode"
            label={t("finder.postcode")}
            hint={t("finder.postcodeHint")}
            error={errors.postcode}
            value={postcode}
            onValue={setPostcode}
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
          />
        ) : null}
        <div className="field">
          <label htmlFor="finder-language">{t("languages.spoken")}</label>
          <p id="finder-language-hint" className="field__hint">
            {t("languages.spokenHint")}
          </p>
          <select
            id="finder-language"
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
            aria-describedby="finder-language-hint"
          >
            <option value="">{t("languages.spokenAny")}</option>
            {SPOKEN.map((code) => (
              <option key={code} value={code}>
                {spokenName(code, languageMeta(LANGUAGES.find((l) => l === i18n.language) ?? "de").tag)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t("finder.search")}
        </button>
      </form>
      {failed ? (
        <p className="notice notice--error" role="alert">
          {t("finder.failed")}
        </p>
      ) : null}
      {results !== null ? <FinderResults results={results} topicId={topicId} headingRef={resultsRef} /> : null}
    </>
  );
}
