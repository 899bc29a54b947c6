// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OrgDocumentView } from "@obhut/protocol";
import { useState } from "react";
import { useAction, useLoad } from "../api/use-action";
import { Page } from "../components/page";
import { StaffGate } from "../staff/staff-gate";
import type { StaffState } from "../staff/use-staff";
import { useT } from "../i18n/use-t";
import { useSession } from "../keys/use-session";
import {
  approveDocument,
  confirmDocument,
  createDocument,
  guidelineReport,
  myAcceptances,
  orgDocuments,
  publishDocument,
  publishedDocuments,
  updateDocument,
} from "./endpoints";
import { DraftForm } from "./documents-draft-form";
import { GuidelineSection } from "./documents-guideline";
import { DocumentsReport, type Report } from "./documents-report";
import { VersionsTable } from "./documents-versions";
import "./compliance.css";

/**
 * Privacy notice and communication guideline (issue 7.1). Every staff member
 * reads and confirms the current guideline here (case work is refused until
 * then); admins and the DPO write drafts, approve colleagues' drafts (never
 * their own) and publish approved ones.
 */
export function DocumentsPage() {
  const { t } = useT();
  return <StaffGate title={t("documents.title")}>{(staff) => <Documents staff={staff} />}</StaffGate>;
}

type Ready = Extract<StaffState, { kind: "ready" }>;

function Documents({ staff }: { staff: Ready }) {
  const { t } = useT();
  const session = useSession();
  const role = session?.account.role;
  const manages = role === "org_admin" || role === "dpo";
  const { api } = staff.messaging;
  const orgId = staff.orgId;
  const data = useLoad(
    async (signal) => {
      const [pub, mine] = await Promise.all([
        api.request(publishedDocuments, { params: { orgId }, signal }),
        api.request(myAcceptances, { signal }),
      ]);
      const [all, report] = manages
        ? await Promise.all([
            api.request(orgDocuments, { params: { orgId }, signal }),
            api.request(guidelineReport, { params: { orgId }, signal }),
          ])
        : [null, null];
      return {
        published: pub.documents,
        required: mine.guidelineConfirmationRequired,
        docs: all?.documents ?? [],
        report: report as Report | null,
      };
    },
    [api, orgId, manages],
  );
  // Every change reloads; the outcome is announced in one status line.
  const act = useAction(async (work: () => Promise<unknown>, success: string) => {
    await work();
    await data.reload();
    return success;
  });
  // True when it worked: a form keeps what was typed otherwise.
  const run = (work: () => Promise<unknown>, success: string) => act.run(work, success).then((outcome) => outcome.ok);
  // The draft being edited, if any: the form below takes its text (issue #16: every route with a purpose has a page).
  const [editing, setEditing] = useState<OrgDocumentView | null>(null);
  const startEditing = (d: OrgDocumentView) => {
    setEditing(d);
    requestAnimationFrame(() => document.getElementById("draft-text")?.focus());
  };

  const loaded = data.kind === "ready" ? data.value : null;
  const published = loaded?.published ?? null;
  const required = loaded?.required ?? false;
  const docs = loaded?.docs ?? [];
  const report = loaded?.report ?? null;
  const failure = act.error ?? (act.pending || act.result !== undefined || data.kind !== "failed" ? null : data.error);
  const status = failure
    ? {
        kind: "error",
        text:
          failure === "document_not_approved" ? t("documents.notApproved") : t("documents.failed", { code: failure }),
      }
    : act.result !== undefined
      ? { kind: "success", text: act.result }
      : null;

  const guidelines = (published ?? []).filter((d) => d.kind === "communication_guideline");
  return (
    <Page title={t("documents.title")} lead={t("documents.lead")}>
      <p className={!status ? "visually-hidden" : `notice notice--${status.kind}`} role="status">
        {status?.text ?? ""}
      </p>
      <GuidelineSection
        published={published}
        guidelines={guidelines}
        required={required}
        busy={act.pending}
        onConfirm={(d) =>
          void run(
            () => api.request(confirmDocument, { params: { orgId, documentId: d.id }, body: { sha256: d.sha256 } }),
            t("documents.confirmed"),
          )
        }
      />
      {manages ? (
        <>
          <VersionsTable
            docs={docs}
            me={staff.accountId}
            busy={act.pending}
            onApprove={(d) =>
              void run(
                () => api.request(approveDocument, { params: { orgId, documentId: d.id }, body: { sha256: d.sha256 } }),
                t("documents.approved"),
              )
            }
            onPublish={(d) =>
              void run(
                () => api.request(publishDocument, { params: { orgId, documentId: d.id } }),
                t("documents.published"),
              )
            }
            onEdit={startEditing}
          />
          <DraftForm
            key={editing?.id ?? "new"}
            busy={act.pending}
            editing={editing}
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              editing
                ? run(
                    () =>
                      api.request(updateDocument, {
                        params: { orgId, documentId: editing.id },
                        body: { text: body.text },
                      }),
                    t("documents.updated"),
                  ).then((ok) => {
                    if (ok) setEditing(null);
                    return ok;
                  })
                : run(() => api.request(createDocument, { params: { orgId }, body }), t("documents.drafted"))
            }
          />
          <DocumentsReport report={report} hasGuideline={guidelines.length > 0} />
        </>
      ) : null}
    </Page>
  );
}
