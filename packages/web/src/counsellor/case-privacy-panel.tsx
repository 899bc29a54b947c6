// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CaseView, ChannelPreferencesView, ConsentView } from "@obhut/protocol";
import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { caseConsents, clientChannels, recordConsent, withdrawConsent } from "../compliance/endpoints";
import { useT } from "../i18n/use-t";
import { formatDateTime } from "../staff/format";
import { CaseConsentForm } from "./case-consent-form";
import { CaseConsentList } from "./case-consent-list";
import { CaseForwardingCheck } from "./case-forwarding-check";
import type { Ready } from "./case-types";
import "../compliance/compliance.css";

const CONTACT_CHANNELS = ["inApp", "emailNotice", "push", "phone"] as const;

/**
 * The case's data protection (issue #16: routes with a person's purpose get
 * a page): how the client allows to be contacted, their consents — recorded
 * here when given outside Obhut, withdrawn here when withdrawn outside it —
 * and the forwarding check before anything leaves Obhut. The server decides
 * who may (need-to-know as for reading the case, docs/ROLES.md); a staff
 * member without access sees nothing here.
 */
export function CasePrivacyPanel({
  staff,
  c,
  nameOf,
}: {
  staff: Ready;
  c: CaseView;
  /** The display name of an account this page knows (team members, the client), if any. */
  nameOf: (accountId: string) => string | undefined;
}) {
  const { t } = useT();
  const api = staff.messaging.api;
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState<"record" | "check" | null>(null);

  const data = useLoad(
    async (signal) => {
      const [consents, channels] = await Promise.all([
        api.request(caseConsents, { query: { organisationId: c.organisationId, caseId: c.id }, signal }),
        api.request(clientChannels, { params: { orgId: c.organisationId, clientId: c.clientId }, signal }),
      ]);
      return { consents: consents.consents, preferences: channels.preferences };
    },
    [api, c.organisationId, c.id, c.clientId],
  );
  /** Recording and withdrawing: one request at a time, the list reloaded, the outcome announced. */
  const change = useAction(async (work: () => Promise<unknown>, done: string) => {
    await work();
    await data.reload();
    return done;
  });
  useEffect(() => {
    if (change.result !== undefined) statusRef.current?.focus();
  }, [change.result]);

  if (data.kind === "failed") return null; // not for this staff member (or the server is away): nothing to show
  const loaded = data.kind === "ready" ? data.value : null;
  const failure = change.error ? t("casePrivacy.failed", { code: change.error }) : null;

  return (
    <Section title={t("casePrivacy.title")}>
      <p
        className={failure ? "notice notice--error" : change.result ? "notice notice--success" : "visually-hidden"}
        role={failure ? "alert" : "status"}
        tabIndex={-1}
        ref={statusRef}
      >
        {failure ?? change.result ?? ""}
      </p>
      {loaded ? <ContactWays preferences={loaded.preferences} /> : <p role="status">{t("common.loading")}</p>}
      {loaded ? (
        <>
          <CaseConsentList
            clientName={c.clientName}
            consents={loaded.consents}
            busy={change.pending}
            nameOf={nameOf}
            onWithdraw={(consent: ConsentView, method) =>
              change.run(
                () => api.request(withdrawConsent, { params: { consentId: consent.id }, body: { method } }),
                t("caseConsents.withdrawn"),
              )
            }
          />
          <Toggle
            open={open === "record"}
            label={t("recordConsent.open")}
            onToggle={(on) => setOpen(on ? "record" : null)}
          >
            <CaseConsentForm
              c={c}
              busy={change.pending}
              onRecord={async (body) => {
                const outcome = await change.run(
                  () => api.request(recordConsent, { body }),
                  t("recordConsent.recorded"),
                );
                if (outcome.ok) setOpen(null);
                return outcome.ok;
              }}
            />
          </Toggle>
          <Toggle
            open={open === "check"}
            label={t("forwardingCheck.open")}
            onToggle={(on) => setOpen(on ? "check" : null)}
          >
            <CaseForwardingCheck api={api} c={c} consents={loaded.consents} />
          </Toggle>
        </>
      ) : null}
    </Section>
  );
}

/** A form shown on request, so the panel stays short beside the conversation. */
function Toggle({
  open,
  label,
  onToggle,
  children,
}: {
  open: boolean;
  label: string;
  onToggle: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <>
      <p>
        <button type="button" className="button" aria-expanded={open} onClick={() => onToggle(!open)}>
          {label}
        </button>
      </p>
      {open ? children : null}
    </>
  );
}

/** What the client set in their account (GET …/clients/:clientId/channel-preferences). */
function ContactWays({ preferences }: { preferences: ChannelPreferencesView }) {
  const { t, i18n } = useT();
  return (
    <section aria-labelledby="case-contact-heading">
      <h3 id="case-contact-heading">{t("casePrivacy.contactTitle")}</h3>
      <p>{t("casePrivacy.contactExplain")}</p>
      <dl className="case-facts">
        {CONTACT_CHANNELS.map((channel) => (
          <Fragment key={channel}>
            <dt>{t(`casePrivacy.contactChannel.${channel}`)}</dt>
            <dd>{preferences[channel] ? t("casePrivacy.allowed") : t("casePrivacy.notAllowed")}</dd>
          </Fragment>
        ))}
      </dl>
      <p>
        {preferences.updatedAt === null
          ? t("casePrivacy.contactNever")
          : t("casePrivacy.contactUpdated", { date: formatDateTime(i18n.language, preferences.updatedAt) })}
      </p>
    </section>
  );
}
