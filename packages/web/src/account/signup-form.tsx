// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SignUpFormProps } from "../auth/sign-up-fields";
import { SignUpForm } from "../auth/sign-up-form";
import type { SignUpValues } from "../auth/validate";
import { useT } from "../i18n/use-t";
import { CheckboxField } from "./checkbox-field";
import { DeviceChoiceField, type DeviceChoice } from "./device-choice";

export interface ClientSignUpValues extends SignUpValues {
  wantRecoveryCode: boolean;
  /** Own device: the keys (and drafts) are kept for this login; shared: nothing is kept (ADR 0027). */
  device: DeviceChoice;
}

/**
 * Step 1 of client sign-up: pseudonym, password twice, the recovery-code
 * choice (on by default, explained right there) and whether this is their
 * own device (no by default).
 */
export function ClientSignUpForm(props: SignUpFormProps<ClientSignUpValues>) {
  const { t } = useT();
  const { values, onValues } = props;
  return (
    <SignUpForm
      {...props}
      idPrefix="signup"
      texts={{
        username: t("signup.username"),
        usernameHint: t("signup.usernameHint"),
        password: t("signup.password"),
        passwordHint: t("signup.passwordHint"),
        passwordRepeat: t("signup.passwordRepeat"),
        errorsTitle: t("signup.errorsTitle"),
        submit: values.wantRecoveryCode ? t("signup.submit") : t("signup.submitWithoutCode"),
        error: (key) => t(`signup.errors.${key}`),
      }}
    >
      <fieldset className="fieldset">
        <legend>{t("signup.recoveryLegend")}</legend>
        <p>{t("signup.recoveryExplain")}</p>
        <CheckboxField
          id="signup-wantRecoveryCode"
          label={t("signup.recoveryChoice")}
          checked={values.wantRecoveryCode}
          onChecked={(wantRecoveryCode) => onValues({ ...values, wantRecoveryCode })}
        />
        {values.wantRecoveryCode ? null : <p className="notice notice--warn">{t("signup.recoveryDeclined")}</p>}
      </fieldset>
      <DeviceChoiceField
        idPrefix="signup"
        value={values.device}
        onValue={(device) => onValues({ ...values, device })}
      />
    </SignUpForm>
  );
}
