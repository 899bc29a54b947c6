// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PublishedDocumentView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

/** The published guideline in each language, with the confirm button while confirmation is required. */
export function GuidelineSection(props: {
  published: PublishedDocumentView[] | null;
  guidelines: PublishedDocumentView[];
  required: boolean;
  busy: boolean;
  onConfirm: (d: PublishedDocumentView) => void;
}) {
  const { t } = useT();
  const { guidelines } = props;
  return (
    <section aria-labelledby="guideline-heading">
      <h2 id="guideline-heading">{t("documents.guidelineHeading")}</h2>
      {props.published === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : guidelines.length === 0 ? (
        <p>{t("documents.noGuideline")}</p>
      ) : (
        <>
          {guidelines.map((d) => (
            <article key={d.id} className="document">
              <h3>
                {t("documents.versionLine", { language: t(`documents.language.${d.language}`), version: d.version })}
              </h3>
              <div className="document__text" tabIndex={0} role="region" aria-label={t("documents.textLabel")}>
                {d.text}
              </div>
              {props.required ? (
                <p>
                  <button
                    type="button"
                    className="button button--primary"
                    aria-disabled={props.busy}
                    onClick={() => props.onConfirm(d)}
                  >
                    {t("documents.confirm")}
                  </button>
                </p>
              ) : null}
            </article>
          ))}
          {!props.required ? <p className="notice notice--success">{t("documents.alreadyConfirmed")}</p> : null}
        </>
      )}
    </section>
  );
}
