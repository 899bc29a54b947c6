// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { Link, useRouter } from "../router/router";

/** Before sign-up or login: the privacy notice and guidelines must be confirmed; both come back here. */
export function EnquiryPrivacy() {
  const { t } = useT();
  const { navigate } = useRouter();
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const here = `${window.location.pathname}${window.location.search}`;
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
