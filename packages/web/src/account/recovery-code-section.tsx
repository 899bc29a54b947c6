// SPDX-License-Identifier: AGPL-3.0-or-later
import { useRef, useState } from "react";
import { AuthFlowError } from "../auth/auth-error";
import type { AuthStep } from "../auth/flows";
import { loadAccountSecrets, loadAuthFlows } from "../auth/lazy-flows";
import { RecoveryCodeStep } from "../auth/recovery-code-step";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import type { AccountSession } from "../keys/session-store";
import { AuthProgress } from "./auth-progress";

type State =
  | { kind: "idle"; done: boolean; error: string | null }
  | { kind: "showing"; code: string }
  | { kind: "saving"; step: AuthStep | null };

/**
 * A new recovery code for the account: shown once, confirmed as written down,
 * then wrapped here and stored; the old code stops working. The code lives
 * only in this component's state.
 */
export function RecoveryCodeSection({ session }: { session: AccountSession }) {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: "idle", done: false, error: null });
  const startRef = useRef<HTMLButtonElement>(null);

  const start = async () => {
    try {
      const { generateRecoveryCode } = await loadAuthFlows();
      setState({ kind: "showing", code: generateRecoveryCode() });
    } catch {
      setState({ kind: "idle", done: false, error: t("authErrors.network") });
    }
  };

  const save = async (code: string) => {
    setState({ kind: "saving", step: null });
    try {
      const { replaceRecoveryCode } = await loadAccountSecrets();
      await replaceRecoveryCode(
        { session, recoveryCode: code },
        { onStep: (step) => setState({ kind: "saving", step }) },
      );
      setState({ kind: "idle", done: true, error: null });
    } catch (error) {
      const reason = error instanceof AuthFlowError ? error.reason : "crypto";
      setState({ kind: "idle", done: false, error: t(`authErrors.${reason}`) });
    }
  };

  return (
    <Section title={t("secrets.codeTitle")}>
      {state.kind === "showing" ? (
        <RecoveryCodeStep
          code={state.code}
          ids={{ title: "new-code-title", confirm: "new-code-confirm" }}
          texts={{
            title: t("signup.codeTitle"),
            intro: t("signup.codeIntro"),
            listLabel: t("signup.codeListLabel"),
            warning: t("signup.codeLoss"),
            confirm: t("signup.codeConfirm"),
            confirmMissing: t("signup.codeConfirmMissing"),
            submit: t("secrets.codeSave"),
            back: t("secrets.cancel"),
          }}
          onConfirm={() => void save(state.code)}
          onBack={() => {
            setState({ kind: "idle", done: false, error: null });
            startRef.current?.focus();
          }}
        />
      ) : state.kind === "saving" ? (
        <AuthProgress intro={t("secrets.codeWorking")} step={state.step} />
      ) : (
        <>
          <p>{t("secrets.codeExplain")}</p>
          {state.done ? (
            <p className="notice" role="status">
              {t("secrets.codeDone")}
            </p>
          ) : null}
          {state.error ? (
            <p className="notice notice--error" role="alert">
              {state.error}
            </p>
          ) : null}
          <button type="button" className="button" ref={startRef} onClick={() => void start()}>
            {t("secrets.codeStart")}
          </button>
        </>
      )}
    </Section>
  );
}
