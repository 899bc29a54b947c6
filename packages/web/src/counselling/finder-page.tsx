// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView, TopicView } from "@obhut/protocol";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { Page } from "../components/page";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { findAgencies, listTopics } from "../messaging/endpoints";

type Where = "postcode" | "online";

/**
 * Agency finder: topic, then a postcode or "online, anywhere". The server
 * shuffles the order per request (no agency is always first); we keep it.
 * Nothing is stored: the search lives in this page's state only.
 */
export function FinderPage() {
  const { t } = useT();
  const [topics, setTopics] = useState<TopicView[] | null>(null);
  const [topicId, setTopicId] = useState("");
  const [where, setWhere] = useState<Where>("postcode");
  const [postcode, setPostcode] = useState("");
  const [errors, setErrors] = useState<{ topic?: string; postcode?: string }>({});
  const [results, setResults] = useState<AgencyView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const [searches, setSearches] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .request(listTopics)
      .then((answer) => live && setTopics(answer.topics))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

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
    setBusy(true);
    setFailed(false);
    try {
      const answer = await api.request(findAgencies, {
        query: where === "online" ? { topicId, online: "1" } : { topicId, postcode: postcode.trim() },
      });
      setResults(answer.agencies);
    } catch {
      setResults(null);
      setFailed(true);
    } finally {
      setBusy(false);
      setSearches((n) => n + 1);
    }
  };

  return (
    <Page title={t("finder.title")} lead={t("finder.lead")}>
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
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t("finder.search")}
        </button>
      </form>
      {failed ? (
        <p className="notice notice--error" role="alert">
          {t("finder.failed")}
        </p>
      ) : null}
      {results !== null ? (
        <section className="section" aria-labelledby="finder-results">
          <h2 id="finder-results" tabIndex={-1} ref={resultsRef}>
            {t("finder.results")}
          </h2>
          <p role="status">
            {results.length === 0 ? t("finder.none") : t("finder.resultsCount", { count: results.length })}
          </p>
          <ul className="agency-list">
            {results.map((agency) => (
              <li key={agency.id} className="agency-card">
                <h3>{agency.name}</h3>
                <AgencyFacts agency={agency} />
                <Link
                  to={`/agency?id=${encodeURIComponent(agency.id)}&topic=${encodeURIComponent(topicId)}`}
                  className="button"
                >
                  {t("finder.choose", { name: agency.name })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

/** Languages, opening hours and address of an agency as a description list. */
export function AgencyFacts({ agency }: { agency: AgencyView }) {
  const { t } = useT();
  return (
    <>
      <dl className="agency-facts">
        {agency.languages.length > 0 ? (
          <>
            <dt>{t("finder.languages")}</dt>
            <dd>{agency.languages.map((code) => languageName(code)).join(", ")}</dd>
          </>
        ) : null}
        {agency.openingHours ? (
          <>
            <dt>{t("finder.openingHours")}</dt>
            <dd>{agency.openingHours}</dd>
          </>
        ) : null}
        {agency.address ? (
          <>
            <dt>{t("finder.address")}</dt>
            <dd>{agency.address}</dd>
          </>
        ) : null}
      </dl>
      {agency.onlineAnywhere ? <p className="agency-facts__online">{t("finder.onlineAnywhere")}</p> : null}
    </>
  );
}

/** "de" → "Deutsch" in the page language; unknown codes stay as they are. */
function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames([document.documentElement.lang || "de"], { type: "language" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
