// SPDX-License-Identifier: AGPL-3.0-or-later
import { useDisplayNameField, type ExtraField, type SignUpFormProps } from "../../auth/sign-up-fields";
import { SignUpForm } from "../../auth/sign-up-form";
import { useT } from "../../i18n/use-t";
import { organisationNameError, type SetupValues } from "./validate";

/**
 * Step 1 of setup: organisation name, administrator name, password twice.
 * It only validates locally; the wizard (setup-wizard.tsx) does the crypto.
 * Values are held by the wizard so "Back" from the recovery code keeps them.
 */
export function SetupForm(props: SignUpFormProps<SetupValues>) {
  const { t } = useT();
  const { values } = props;
  const organisation: ExtraField<SetupValues> = {
    name: "organisationName",
    value: values.organisationName,
    label: t("setup.orgName"),
    hint: t("setup.orgNameHint"),
    autoComplete: "organization",
    maxLength: 120,
    check: organisationNameError,
    message: () => t("setup.errors.orgNameRequired"),
  };
  const displayName = useDisplayNameField(values);
  return (
    <SignUpForm
      {...props}
      idPrefix="setup"
      extraFields={[organisation, displayName]}
      passwordContext={[values.displayName, values.organisationName]}
      texts={{
        username: t("setup.adminUsername"),
        usernameHint: t("setup.adminUsernameHint"),
        password: t("setup.password"),
        passwordHint: t("setup.passwordHint"),
        passwordRepeat: t("setup.passwordRepeat"),
        errorsTitle: t("setup.errorsTitle"),
        submit: t("setup.submit"),
        error: (key) => t(`setup.errors.${key}`),
      }}
    />
  );
}
