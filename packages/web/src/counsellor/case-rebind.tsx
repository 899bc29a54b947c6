// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint, fromBase64Url } from "@obhut/crypto";
import type { CaseView } from "@obhut/protocol";
import { useState } from "react";
import { useAction } from "../api/use-action";
import { getCase } from "../messaging";
import { useT } from "../i18n/use-t";
import type { Ready } from "./case-types";
import { lookUpRebindCode, rebindCase } from "./endpoints";
import { caseKeyContext } from "./staff-keys";

interface Found {
  accountId: string;
  displayName: string;
  signingPublicKey: string;
  encryptionPublicKey: string;
}

/**
 * Re-binding a case to the client's new account (issue 3, item 8;
 * docs/CRYPTO.md, "Case re-binding"): the counsellor enters the code the
 * client read out, compares the new account's fingerprint with the one the
 * client reads out and confirms; the browser then makes the new epoch and
 * wraps every earlier epoch key to the new client before the server moves
 * the case.
 */
export function RebindForm({
  staff,
  c,
  onChanged,
}: {
  staff: Ready;
  c: CaseView;
  onChanged: (next: CaseView) => void;
}) {
  const { t } = useT();
  const { api } = staff.messaging;
  const [code, setCode] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const params = { caseId: c.id };

  /** Looks the code up, or (once found and confirmed) re-binds; one request at a time. */
  const step = useAction(async (kind: "lookUp" | "rebind") => {
    if (kind === "lookUp") {
      setFound(await api.request(lookUpRebindCode, { params, body: { code } }));
      setConfirmed(false);
      return kind;
    }
    if (!found) return kind;
    const fresh = (await api.request(getCase, { params })).case;
    const body = await staff.ring.rebindEpochs(
      caseKeyContext(fresh),
      {
        accountId: found.accountId,
        signingKey: fromBase64Url(found.signingPublicKey),
        encryptionKey: fromBase64Url(found.encryptionPublicKey),
      },
      Date.now(),
    );
    const answer = await api.request(rebindCase, { params, body: { code, accountId: found.accountId, ...body } });
    setFound(null);
    setCode("");
    onChanged(answer.case);
    return kind;
  });
  const busy = step.pending;
  const message = step.error
    ? {
        kind: "error",
        text:
          step.error === "rebind_code_invalid" ? t("caseRebind.invalid") : t("caseView.failed", { code: step.error }),
      }
    : step.result === "rebind"
      ? { kind: "success", text: t("caseRebind.done") }
      : null;

  const lookUp = () => {
    if (busy || code.trim() === "") return;
    void step.run("lookUp");
  };
  const rebind = () => {
    if (busy || !found || !confirmed) return;
    void step.run("rebind");
  };

  return (
    <form
      className="staff-form"
      aria-labelledby="rebind-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (found) rebind();
        else lookUp();
      }}
    >
      <h3 id="rebind-title">{t("caseRebind.title")}</h3>
      <p className="field__hint">{t("caseRebind.lead")}</p>
      <p className={message ? `notice notice--${message.kind}` : "visually-hidden"} role="status">
        {message?.text ?? ""}
      </p>
      <div className="field">
        <label htmlFor="rebind-code">{t("caseRebind.code")}</label>
        <input
          id="rebind-code"
          autoComplete="off"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setFound(null);
          }}
        />
      </div>
      {found ? (
        <>
          <p>{t("caseRebind.account", { name: found.displayName })}</p>
          <p>
            {t("caseRebind.fingerprint")}:{" "}
            <code data-testid="rebind-fingerprint">
              {fingerprint(fromBase64Url(found.signingPublicKey), "signing")}
            </code>
          </p>
          <div className="field field--checkbox">
            <input
              id="rebind-confirm"
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <label htmlFor="rebind-confirm">{t("caseRebind.confirm")}</label>
          </div>
          <p>
            <button type="submit" className="button button--primary" aria-disabled={busy || !confirmed}>
              {busy ? t("caseRebind.rebinding") : t("caseRebind.rebind")}
            </button>
          </p>
        </>
      ) : (
        <p>
          <button type="submit" className="button" aria-disabled={busy}>
            {t("caseRebind.lookUp")}
          </button>
        </p>
      )}
    </form>
  );
}
