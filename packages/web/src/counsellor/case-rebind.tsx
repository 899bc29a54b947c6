// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint, fromBase64Url } from "@obhut/crypto";
import type { CaseView } from "@obhut/protocol";
import { useState } from "react";
import { ApiError } from "../api/client";
import { getCase } from "../messaging";
import { useT } from "../i18n/use-t";
import type { Ready } from "./case-types";
import { lookUpRebindCode, rebindCase } from "./endpoints";
import { caseKeyContext } from "./staff-keys";
import { errorCode } from "../staff/use-staff";

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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const params = { caseId: c.id };

  const fail = (error: unknown) =>
    setMessage({
      kind: "error",
      text:
        error instanceof ApiError && error.code === "rebind_code_invalid"
          ? t("caseRebind.invalid")
          : t("caseView.failed", { code: errorCode(error) }),
    });

  const lookUp = async () => {
    if (busy || code.trim() === "") return;
    setBusy(true);
    setMessage(null);
    try {
      setFound(await api.request(lookUpRebindCode, { params, body: { code } }));
      setConfirmed(false);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const rebind = async () => {
    if (busy || !found || !confirmed) return;
    setBusy(true);
    setMessage(null);
    try {
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
      setMessage({ kind: "success", text: t("caseRebind.done") });
      onChanged(answer.case);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="staff-form"
      aria-labelledby="rebind-title"
      onSubmit={(e) => {
        e.preventDefault();
        void (found ? rebind() : lookUp());
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
