// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PublishedDocumentView } from "@obhut/protocol";
import { useT } from "../i18n/use-t";

export interface ChangedNotice {
  agencyName: string;
  document: PublishedDocumentView;
}

/**
 * Privacy notices of the client's organisations that changed since the client
 * last took note (a version they have no acceptance of): the whole text, and
 * one button that records exactly this text (its SHA-256) as read.
 */
export function ChangedNotices(props: {
  notices: readonly ChangedNotice[];
  busy: boolean;
  onAccept: (document: PublishedDocumentView) => void;
}) {
  const { t } = useT();
  if (props.notices.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t("myPrivacy.noticesHeading")}</h2>
      {props.notices.map(({ agencyName, document }) => (
        <article key={document.id} className="changed-notice" aria-labelledby={`notice-${document.id}`}>
          <h3 id={`notice-${document.id}`}>
            {t("myPrivacy.noticeOf", { agency: agencyName, version: document.version })}
          </h3>
          <div className="changed-notice__text" tabIndex={0} role="region" aria-label={t("myPrivacy.noticeText")}>
            {document.text.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
          <p>
            <button
              type="button"
              className="button button--primary"
              aria-disabled={props.busy}
              onClick={() => props.onAccept(document)}
            >
              {t("myPrivacy.noticeAccept")}
            </button>
          </p>
        </article>
      ))}
    </section>
  );
}
