// SPDX-License-Identifier: AGPL-3.0-or-later
import { useDisplayNameField, type SignUpFormProps } from "../auth/sign-up-fields";
import { SignUpForm } from "../auth/sign-up-form";
import type { SignUpValues } from "../auth/validate";
import { useT } from "../i18n/use-t";

/** What the invited staff member types: the sign-up fields plus the display name clients will see. */
export interface InviteValues extends SignUpValues {
  displayName: string;
}

/** Display name, login name and password twice; local checks only (the recovery code is not optional for staff). */
export function InviteForm(props: SignUpFormProps<InviteValues>) {
  const { t } = useT();
  const displayName = useDisplayNameField(props.values);
  return (
    <SignUpForm
      {...props}
      idPrefix="invite"
      extraFields={[displayName]}
      passwordContext={[props.values.displayName]}
      texts={{
        username: t("invite.username"),
        usernameHint: t("invite.usernameHint"),
        password: t("invite.password"),
        passwordHint: t("invite.passwordHint"),
        passwordRepeat: t("invite.passwordRepeat"),
        errorsTitle: t("signup.errorsTitle"),
        submit: t("invite.submit"),
        error: (key) => t(`signup.errors.${key}`),
      }}
    >
      <p>{t("invite.recoveryNote")}</p>
    </SignUpForm>
  );
}
