// SPDX-License-Identifier: AGPL-3.0-or-later
import { useT } from "../i18n/use-t";

/** Files to send with the enquiry (they follow as the second message, from the case page). */
export function EnquiryFiles({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useT();
  return (
    <div className="field">
      <label htmlFor="enquiry-files">{t("clientCase.attach")}</label>
      <p id="enquiry-files-hint" className="field__hint">
        {t("clientCase.attachHint")}
      </p>
      <input
        id="enquiry-files"
        type="file"
        multiple
        aria-describedby="enquiry-files-hint"
        onChange={(event) => onFiles([...(event.target.files ?? [])])}
      />
    </div>
  );
}
