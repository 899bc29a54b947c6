// SPDX-License-Identifier: AGPL-3.0-or-later
import type { PublishedDocumentView } from "@obhut/protocol";
import { useState } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link, useRouter } from "../router/router";
import { ShownDocuments } from "./shown-documents";

/** The versions confirmed before sign-up travel with the way back (hex prefixes of their hashes only). */
export function seenParam(documents: readonly PublishedDocumentView[]): string {
  return documents.map((d) => d.sha256.slice(0, 16)).join("");
}

/**
 * Before sign-up or login: the organisation's privacy notice and communication rules are shown here and
 * must be confirmed; both ways come back to the enquiry, which shows them again beside the confirmation
 * that is recorded with the first message.
 */
export function EnquiryPrivacy({
  documents,
  organisationName,
}: {
  documents: readonly PublishedDocumentView[];
  organisationName: string;
}) {
  const { t } = useT();
  const { navigate } = useRouter();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const search = new URLSearchParams(window.location.search);
  if (documents.length > 0) search.set("seen", seenParam(documents));
  const here = `${window.location.pathname}?${search.toString()}`;
  const continueTo = (path: "/signup" | "/login") => {
    if (!confirmed) {
      setConfirmMissing(true);
      document.getElementById("enquiry-privacy")?.focus();
      return;
    }
    navigate(`${path}?next=${encodeURIComponent(here)}`);
  };
  return (
    <Section title={t("enquiry.privacyTitle")}>
      <p>{t("enquiry.privacyBody")}</p>
      <ShownDocuments documents={documents} organisationName={organisationName} />
      <p>
        <Link to="/privacy">{t("enquiry.privacyLink")}</Link>
      </p>
      <CheckboxField
        id="enquiry-privacy"
        label={t("enquiry.privacyConfirm")}
        checked={confirmed}
        onChecked={(value) => {
          setConfirmed(value);
          if (value) setConfirmMissing(false);
        }}
        error={confirmMissing ? t("enquiry.privacyMissing") : undefined}
      />
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => continueTo("/signup")}>
          {t("enquiry.signup")}
        </button>
        <button type="button" className="button" onClick={() => continueTo("/login")}>
          {t("enquiry.login")}
        </button>
      </div>
    </Section>
  );
}
