// SPDX-License-Identifier: AGPL-3.0-or-later
import { generateRecoveryCode } from "@obhut/crypto";
import { AuthFlowError } from "../auth/auth-error";
import { SignUpStepsView } from "../auth/sign-up-steps";
import { useSignUpSteps } from "../auth/use-sign-up-steps";
import { useT } from "../i18n/use-t";
import { pathAfterStaffLogin } from "../mfa/mfa-flow";
import { useRouter } from "../router/router";
import { InviteForm, type InviteValues } from "./invite-form";
import { signUpInvited, type InvitationPreview } from "./invite-flow";

const EMPTY: InviteValues = { displayName: "", username: "", password: "", passwordRepeat: "" };
const KNOWN_ROLES = ["counsellor", "org_admin", "dpo", "report_office"] as const;

/**
 * After the link was checked: what the invitation is for, then name and
 * password, the recovery code (shown once, mandatory for staff), the
 * sign-up in the browser, and on to the second factor.
 */
export function InviteSignUp({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t, i18n } = useT();
  const { navigate } = useRouter();
  const steps = useSignUpSteps({
    empty: EMPTY,
    newRecoveryCode: generateRecoveryCode,
    create: async (values, recoveryCode, onStep) => {
      // The form only leads on to the code step, which always passes the code: fail closed all the same.
      if (recoveryCode === undefined) throw new AuthFlowError("crypto");
      return signUpInvited(
        {
          token,
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password,
          recoveryCode,
          preview,
        },
        { onStep },
      );
    },
    done: async (session) => navigate(await pathAfterStaffLogin(session.account)),
  });

  const role = (KNOWN_ROLES as readonly string[]).includes(preview.role)
    ? t(`invite.roles.${preview.role as (typeof KNOWN_ROLES)[number]}`)
    : t("invite.roles.other");
  const until = new Date(preview.expiresAt).toLocaleString(i18n.language, { dateStyle: "long", timeStyle: "short" });

  return (
    <>
      {steps.stage.kind === "form" ? (
        <p className="notice notice--success" role="status">
          {t("invite.valid", { org: preview.organisationName, role, until })}
        </p>
      ) : null}
      {preview.needsGenesis && steps.stage.kind === "form" ? <p>{t("invite.genesisNote")}</p> : null}
      <SignUpStepsView steps={steps} workingText={t("invite.working")} failedText={t("invite.failed")}>
        {(serverError) => (
          <InviteForm
            values={steps.values}
            onValues={steps.setValues}
            serverError={serverError}
            onSubmit={() => void steps.showCode()}
          />
        )}
      </SignUpStepsView>
    </>
  );
}
