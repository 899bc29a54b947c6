// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AgencyView } from "@obhut/protocol";
import type { Ref } from "react";
import { useT } from "../i18n/use-t";
import { Link } from "../router/router";
import { AgencyFacts } from "./agency-facts";

/** The agencies found, in the server's (shuffled) order; the heading takes focus after each search. */
export function FinderResults({
  results,
  topicId,
  headingRef,
}: {
  results: readonly AgencyView[];
  topicId: string;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useT();
  return (
    <section className="section" aria-labelledby="finder-results">
      <h2 id="finder-results" tabIndex={-1} ref={headingRef}>
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
  );
}
