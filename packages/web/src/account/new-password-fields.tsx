// SPDX-License-Identifier: AGPL-3.0-or-later
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";
import type { NewPasswordErrors } from "./new-password";

/** A new password and its repetition, with sign-up's hint and errors (password change and recovery). */
export function NewPasswordFields(props: {
  ids: { password: string; repeat: string };
  label: string;
  repeatLabel: string;
  errors: NewPasswordErrors;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const { t } = useT();
  const { errors } = props;
  return (
    <>
      <TextField
        id={props.ids.password}
        type="password"
        label={props.label}
        hint={t("signup.passwordHint")}
        error={errors.password ? t(`signup.errors.${errors.password}`) : undefined}
        value={props.password}
        onValue={props.onPassword}
        autoComplete="new-password"
        required
      />
      <TextField
        id={props.ids.repeat}
        type="password"
        label={props.repeatLabel}
        error={errors.passwordRepeat ? t(`signup.errors.${errors.passwordRepeat}`) : undefined}
        value={props.repeat}
        onValue={props.onRepeat}
        autoComplete="new-password"
        required
      />
    </>
  );
}
