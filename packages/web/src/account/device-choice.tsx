// SPDX-License-Identifier: AGPL-3.0-or-later
import { deviceStorageSupported } from "../keys/device-presence";
import { useT } from "../i18n/use-t";

export type DeviceChoice = "own" | "shared";

/**
 * The one plain question at a client's login and sign-up (issue #15, item 4;
 * ADR 0027): their own device keeps them signed in across reloads, one others
 * use keeps nothing. "Shared" is preselected — nothing is kept unless the
 * person says the device is theirs — and what it means is said right there.
 * Browsers that cannot keep a key safely only get the plain statement.
 */
export function DeviceChoiceField({
  idPrefix,
  value,
  onValue,
}: {
  idPrefix: string;
  value: DeviceChoice;
  onValue: (value: DeviceChoice) => void;
}) {
  const { t } = useT();
  if (!deviceStorageSupported()) return <p className="notice">{t("keptDevice.unsupported")}</p>;
  const option = (choice: DeviceChoice) => {
    const id = `${idPrefix}-device-${choice}`;
    return (
      <div className="checkbox-field">
        <input
          type="radio"
          id={id}
          name={`${idPrefix}-device`}
          checked={value === choice}
          onChange={() => onValue(choice)}
          aria-describedby={`${id}-hint`}
        />
        <div>
          <label htmlFor={id}>{t(`keptDevice.${choice}`)}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t(`keptDevice.${choice}Hint`)}
          </p>
        </div>
      </div>
    );
  };
  return (
    <fieldset className="fieldset">
      <legend>{t("keptDevice.legend")}</legend>
      {option("own")}
      {option("shared")}
      <p className="notice" role="status">
        {value === "own" ? t("keptDevice.ownNotice") : t("keptDevice.sharedNotice")}
      </p>
    </fieldset>
  );
}
