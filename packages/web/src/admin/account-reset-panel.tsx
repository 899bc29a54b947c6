// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffAccountView } from "@obhut/protocol";
import { useState } from "react";
import { CheckboxField } from "../account/checkbox-field";
import { FingerprintGroups } from "../components/fingerprint";
import { useT } from "../i18n/use-t";
import { CopyField } from "../mfa/copy-field";
import type { ResetState } from "./reset-keys";

/** What a card knows and does about resetting the account (users page; docs/PROTOCOL.md "Reset"). */
export interface ResetProps {
  /** An open link, or a redeemed reset whose new keys wait for certification; null when neither. */
  reset: ResetState | null;
  /** The link just issued for this account (shown once, until the page reloads). */
  resetLink: { link: string; expiresAt: number } | null;
  onReset: () => Promise<boolean>;
  onAdopt: (signingPublicKey: string) => void;
}

const until = (language: string, at: number) =>
  new Date(at).toLocaleString(language, { dateStyle: "long", timeStyle: "short" });

/**
 * "Zugang zurücksetzen" for a staff member who lost password and recovery
 * code: what it means, asked before the link is made; the one-time link to
 * hand over; and, once the person has set a new password and keys, the
 * fingerprint to compare before their new keys are certified.
 */
export function AccountResetPanel({ account, ...props }: ResetProps & { account: StaffAccountView }) {
  const { t, i18n } = useT();
  const [asking, setAsking] = useState(false);
  const name = account.username;

  return (
    <>
      {props.reset?.kind === "owed" ? (
        <AdoptKeys name={name} reset={props.reset} onAdopt={props.onAdopt} />
      ) : props.resetLink ? (
        <div className="notice notice--success">
          <p>{t("adminReset.linkOnce", { name, until: until(i18n.language, props.resetLink.expiresAt) })}</p>
          <CopyField
            id={`reset-link-${account.id}`}
            label={t("adminReset.linkLabel", { name })}
            value={props.resetLink.link}
          />
        </div>
      ) : props.reset?.kind === "open" ? (
        <p className="notice">{t("adminReset.pending", { until: until(i18n.language, props.reset.expiresAt) })}</p>
      ) : null}
      {asking ? (
        <div className="notice notice--warn">
          <p>
            <strong>{t("adminReset.confirm", { name })}</strong>
          </p>
          <ul>
            <li>{t("adminReset.explain.when")}</li>
            <li>{t("adminReset.explain.what", { name })}</li>
            <li>{t("adminReset.explain.then", { name })}</li>
            <li>{t("adminReset.explain.lost", { name })}</li>
          </ul>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void props.onReset().then((ok) => ok && setAsking(false))}
            >
              {t("adminReset.create")}
            </button>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              {t("adminReset.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setAsking(true)}>
            {t("adminReset.action")}
          </button>
        </div>
      )}
    </>
  );
}

/** The new key's fingerprint, compared with what the person reads out, before the log certifies it. */
function AdoptKeys({
  name,
  reset,
  onAdopt,
}: {
  name: string;
  reset: Extract<ResetState, { kind: "owed" }>;
  onAdopt: (signingPublicKey: string) => void;
}) {
  const { t, i18n } = useT();
  const [match, setMatch] = useState(false);
  const [missing, setMissing] = useState(false);
  const id = `reset-match-${reset.accountId}`;
  return (
    <div className="notice notice--warn">
      <p>
        <strong>{t("adminReset.waiting", { name, date: new Date(reset.usedAt).toLocaleString(i18n.language) })}</strong>
      </p>
      <p>{t("adminReset.compare", { name })}</p>
      <FingerprintGroups signingKey={reset.signingPublicKey} label={t("adminReset.fingerprintLabel", { name })} />
      <CheckboxField
        id={id}
        label={t("adminReset.match", { name })}
        checked={match}
        onChecked={setMatch}
        error={missing && !match ? t("adminReset.matchMissing") : undefined}
      />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setMissing(!match);
            if (match) onAdopt(reset.signingPublicKey);
            else document.getElementById(id)?.focus();
          }}
        >
          {t("adminReset.adopt")}
        </button>
      </div>
    </div>
  );
}
