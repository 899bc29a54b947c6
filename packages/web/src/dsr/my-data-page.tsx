// SPDX-License-Identifier: AGPL-3.0-or-later
import { finishLogin, isCryptoError, randomBytes, startLogin, toBase64Url } from "@obhut/crypto";
import type { CaseView, ErasureBlocker, MyRestrictionView } from "@obhut/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { CheckboxField } from "../account/checkbox-field";
import { logOut } from "../auth/flows";
import { Page, Section } from "../components/page";
import { useTFor } from "../counselling/use-t-for";
import { errorCode } from "../staff/use-staff";
import type { AddressForm } from "../i18n";
import { useSession } from "../keys/use-session";
import { listCases } from "../messaging/endpoints";
import { type MessagingSession, messagingFor } from "../messaging/session";
import { Link } from "../router/router";
import { deletionCheck, deletionFinish, deletionStart, myRestrictions } from "./endpoints";
import type { DataExport } from "./export-data";
import "./dsr.css";

/**
 * "My data" (issue 7.5): the client downloads everything Obhut holds about
 * them — decrypted here, as JSON and as a readable PDF — and can delete the
 * account after typing the password again and the account name. Nothing
 * heavy loads until a button is pressed (messaging, pdf-lib).
 */
export function MyDataPage() {
  const session = useSession();
  const [deleted, setDeleted] = useState(false);
  const { t } = useTFor(undefined);
  if (deleted) {
    return (
      <Page title={t("myData.title")}>
        <p className="notice notice--success" role="status">
          {t("myData.deleted")}
        </p>
        <p>
          <Link to="/" className="button button--primary">
            {t("myData.home")}
          </Link>
        </p>
      </Page>
    );
  }
  if (!session) {
    return (
      <Page title={t("myData.title")}>
        <p className="notice">{t("myData.loggedOut")}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent("/account/data")}`} className="button button--primary">
            {t("myData.login")}
          </Link>
        </p>
      </Page>
    );
  }
  return <MyData messaging={messagingFor(session)} onDeleted={() => setDeleted(true)} />;
}

type Check = { allowed: boolean; cases: number; messages: number; attachments: number; blockers: ErasureBlocker[] };
type Status = { kind: "error" | "success" | "progress"; text: string } | null;

function download(bytes: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function MyData({ messaging, onDeleted }: { messaging: MessagingSession; onDeleted: () => void }) {
  const [cases, setCases] = useState<CaseView[]>([]);
  const [check, setCheck] = useState<Check | null>(null);
  const [restrictions, setRestrictions] = useState<MyRestrictionView[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  // Youth services say "du": if any enquiry is informal, so is this page.
  const form: AddressForm | undefined = cases.some((c) => c.addressForm === "informal") ? "informal" : undefined;
  const { t, i18n } = useTFor(form);
  const date = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long" }).format(new Date(ms));

  useEffect(() => {
    let live = true;
    const api = messaging.api;
    Promise.all([
      api.request(listCases, { query: {} }),
      api.request(deletionCheck, {}),
      api.request(myRestrictions, {}),
    ])
      .then(([list, deletion, mine]) => {
        if (!live) return;
        setCases(list.cases);
        setCheck(deletion);
        setRestrictions(mine.restrictions);
      })
      .catch(
        (error: unknown) =>
          live && setStatus({ kind: "error", text: t("myData.exportFailed", { code: errorCode(error) }) }),
      );
    return () => {
      live = false;
    };
    // `t` changes with the address form, which this load decides; loading once is enough.
  }, [messaging]);

  const runExport = async (kind: "json" | "pdf") => {
    if (busy) return;
    setBusy(true);
    setStatus({ kind: "progress", text: t("myData.collecting", { done: 0, cases: cases.length }) });
    try {
      const [{ collectExport }, { exportFileName, exportToCaseFile }] = await Promise.all([
        import("./collect"),
        import("./export-data"),
      ]);
      const exp: DataExport = await collectExport(messaging, (p) =>
        setStatus({ kind: "progress", text: t("myData.collecting", { done: p.casesDone, cases: p.cases }) }),
      );
      const name = exportFileName(exp.account.name, exp.generatedAt, kind);
      if (kind === "json") {
        download(JSON.stringify(exp, null, 2), "application/json", name);
      } else {
        const { renderCaseFilePdf } = await import("../staff/export-pdf");
        const when = (iso: string) =>
          new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
        const pdf = await renderCaseFilePdf(
          exportToCaseFile(exp, {
            title: t("myData.pdf.title"),
            facts: {
              account: t("myData.pdf.account"),
              created: t("myData.pdf.created"),
              generated: t("myData.pdf.generated"),
              cases: t("myData.pdf.cases"),
              consents: t("myData.pdf.consents"),
            },
            caseTitle: (c) => t("myData.pdf.caseTitle", { agency: c.agency, team: c.team }),
            eventsTitle: (c) => t("myData.pdf.eventsTitle", { agency: c.agency }),
            me: t("myData.pdf.me"),
            service: t("myData.pdf.service"),
            deleted: t("myData.pdf.deleted"),
            unreadable: t("myData.pdf.unreadable"),
            notReadable: t("myData.pdf.notReadable"),
            empty: t("myData.pdf.empty"),
            event: (e) => t(`myData.pdf.event.${e.type}`, { name: e.assignee ?? e.by ?? "" }),
            consentsTitle: t("myData.pdf.consentsTitle"),
            consent: (c) =>
              t("myData.pdf.consent", {
                purpose: c.purpose,
                recipients: c.recipients.join(", "),
                state: c.active ? t("myData.pdf.active") : t("myData.pdf.inactive"),
              }),
            attachmentLabel: t("myData.pdf.attachment"),
            pageLabel: (page, pages) => t("myData.pdf.page", { page, pages }),
            date: when,
          }),
        );
        download(pdf as BlobPart, "application/pdf", name);
      }
      setStatus({ kind: "success", text: t("myData.exportDone", { name }) });
    } catch (error) {
      setStatus({ kind: "error", text: t("myData.exportFailed", { code: errorCode(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const agencyOf = (caseId: string | null) => cases.find((c) => c.id === caseId);

  return (
    <Page title={t("myData.title")} lead={t("myData.lead")}>
      {restrictions.length > 0 ? (
        <Section title={t("myData.restrictionsHeading")}>
          <ul>
            {restrictions.map((r) => (
              <li key={`${r.organisationId}-${r.caseId ?? "all"}`}>
                {r.caseId === null
                  ? t("myData.restrictedAll", { date: date(r.since) })
                  : t("myData.restrictedCase", { date: date(agencyOf(r.caseId)?.createdAt ?? r.since) })}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title={t("myData.exportHeading")}>
        <p>{t("myData.exportExplain")}</p>
        <div className="dsr-actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy}
            onClick={() => void runExport("json")}
          >
            {t("myData.downloadJson")}
          </button>
          <button type="button" className="button" aria-disabled={busy} onClick={() => void runExport("pdf")}>
            {t("myData.downloadPdf")}
          </button>
        </div>
        <p
          className={
            !status ? "visually-hidden" : status.kind === "progress" ? "notice" : `notice notice--${status.kind}`
          }
          role="status"
        >
          {status?.text ?? ""}
        </p>
      </Section>
      <DeleteAccount messaging={messaging} check={check} t={t} onDeleted={onDeleted} />
    </Page>
  );
}

type TFn = ReturnType<typeof useTFor>["t"];
type Field = "password" | "name" | "confirm";

function DeleteAccount(props: { messaging: MessagingSession; check: Check | null; t: TFn; onDeleted: () => void }) {
  const { messaging, check, t } = props;
  const username = messaging.account.username;
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (password === "") found.password = t("myData.errors.passwordRequired");
    if (name.trim().toLowerCase() !== username.toLowerCase()) found.name = t("myData.errors.nameMismatch");
    if (!confirmed) found.confirm = t("myData.errors.confirmRequired");
    setErrors(found);
    setFailure(null);
    const first = (["password", "name", "confirm"] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(`delete-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const api = messaging.api;
      const start = await startLogin(password);
      const { deletionId, loginResponse } = await api.request(deletionStart, {
        body: { startLoginRequest: start.request },
      });
      let finishLoginRequest: string;
      try {
        finishLoginRequest = (await finishLogin({ password, state: start.state, response: loginResponse }))
          .finishRequest;
      } catch (error) {
        if (!isCryptoError(error, "auth_failed")) throw error;
        // As at login: still finish with a proof of the usual size, so the server counts the failure.
        await api
          .request(deletionFinish, {
            body: { deletionId, finishLoginRequest: toBase64Url(randomBytes(64)), username },
          })
          .catch(() => {});
        setErrors({ password: t("myData.errors.wrongPassword") });
        document.getElementById("delete-password")?.focus();
        return;
      }
      await api.request(deletionFinish, { body: { deletionId, finishLoginRequest, username: name.trim() } });
      props.onDeleted();
      // The server ended every session already; this wipes the keys in memory.
      await logOut();
    } catch (error) {
      const code = errorCode(error);
      if (error instanceof ApiError && code === "auth_failed")
        setErrors({ password: t("myData.errors.wrongPassword") });
      else setFailure(code === "erasure_blocked" ? t("myData.errors.blocked") : t("myData.errors.failed", { code }));
    } finally {
      setBusy(false);
    }
  };

  const errorList = (["password", "name", "confirm"] as const).filter((f) => errors[f]);
  return (
    <Section title={t("myData.deleteHeading")}>
      <div className="notice notice--warn">
        <p>
          <strong>{t("myData.deleteWarningTitle")}</strong>
        </p>
        <ul>
          {(t("myData.deleteWarning", { returnObjects: true }) as string[]).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      {check ? <p>{t("myData.deleteCounts", check)}</p> : null}
      {check && !check.allowed ? (
        <div className="notice notice--error">
          <p>{t("myData.deleteBlocked")}</p>
          <ul>
            {check.blockers.map((b) => (
              <li key={`${b.caseId}-${b.reason}`}>{t(`myData.blocker.${b.reason}`, { caseId: b.caseId })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form className="dsr-form" onSubmit={(e) => void submit(e)} noValidate>
        {errorList.length > 0 ? (
          <div className="notice notice--error" role="alert">
            <p>{t("myData.errors.title")}</p>
            <ul>
              {errorList.map((f) => (
                <li key={f}>
                  <a href={`#delete-${f}`}>{errors[f]}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {failure ? (
          <p className="notice notice--error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className={errors.password ? "field field--invalid" : "field"}>
          <label htmlFor="delete-password">{t("myData.passwordLabel")}</label>
          <p id="delete-password-hint" className="field__hint">
            {t("myData.passwordHint")}
          </p>
          {errors.password ? (
            <p id="delete-password-error" className="field__error">
              {errors.password}
            </p>
          ) : null}
          <input
            id="delete-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "delete-password-hint delete-password-error" : "delete-password-hint"}
          />
        </div>
        <div className={errors.name ? "field field--invalid" : "field"}>
          <label htmlFor="delete-name">{t("myData.nameLabel")}</label>
          <p id="delete-name-hint" className="field__hint">
            {t("myData.nameHint", { name: username })}
          </p>
          {errors.name ? (
            <p id="delete-name-error" className="field__error">
              {errors.name}
            </p>
          ) : null}
          <input
            id="delete-name"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "delete-name-hint delete-name-error" : "delete-name-hint"}
          />
        </div>
        <CheckboxField
          id="delete-confirm"
          label={t("myData.confirmLabel")}
          checked={confirmed}
          onChecked={setConfirmed}
          error={errors.confirm}
        />
        <p>
          <button
            type="submit"
            className="button button--danger"
            aria-disabled={busy || (check !== null && !check.allowed)}
          >
            {busy ? t("myData.deleting") : t("myData.deleteButton")}
          </button>
        </p>
      </form>
    </Section>
  );
}
