// SPDX-License-Identifier: AGPL-3.0-or-later
import type { OwedRotationsView } from "@obhut/protocol";
import { useEffect, useRef, useState } from "react";
import { useLoad } from "../api/use-action";
import { useT } from "../i18n/use-t";
import type { AdminContext } from "./admin-context";
import { failedText } from "./admin-status";
import { type RenewProgress, getOwedRotations, renewOwedEpochs } from "./owed-epochs";

type Run = RenewProgress & { running: boolean };

/**
 * "Neue Schlüssel für Gespräche" on the console's overview: how many conversations still owe a new epoch, in plain
 * words who makes it, and — for the case conversations this administrator may open — a button that renews them
 * here, with its progress announced while the page stays usable.
 */
export function OwedEpochsSection({ admin }: { admin: AdminContext }) {
  const { t } = useT();
  const data = useLoad(
    (signal) => admin.api.request(getOwedRotations, { params: { orgId: admin.orgId }, signal }),
    [admin],
  );
  const [run, setRun] = useState<Run | null>(null);
  const aborter = useRef<AbortController | null>(null);
  useEffect(() => () => aborter.current?.abort(), []);

  const renew = async (owed: OwedRotationsView["mine"]) => {
    const controller = new AbortController();
    aborter.current = controller;
    setRun({ done: 0, failed: 0, total: owed.length, running: true });
    const result = await renewOwedEpochs({
      api: admin.api,
      ring: admin.ring,
      owed,
      signal: controller.signal,
      onProgress: (p) => {
        if (!controller.signal.aborted) setRun({ ...p, running: true });
      },
    });
    if (controller.signal.aborted) return;
    setRun({ ...result, running: false });
    void data.reload().catch(() => undefined);
  };

  const view = data.kind === "ready" ? data.value : null;
  const { cases, chats, adminRemoved } = view?.afterDeparture ?? { cases: 0, chats: 0, adminRemoved: 0 };
  return (
    <section className="section" aria-labelledby="owed-epochs-heading">
      <h2 id="owed-epochs-heading">{t("owedEpochs.heading")}</h2>
      <p>{t("owedEpochs.explain")}</p>
      {data.kind === "loading" ? <p role="status">{t("admin.loading")}</p> : null}
      {data.kind === "failed" ? (
        <p className="notice notice--error" role="alert">
          {failedText(t, data.error)}
        </p>
      ) : null}
      {view ? (
        cases + chats + view.dueByLimit === 0 ? (
          <p>{t("owedEpochs.none")}</p>
        ) : (
          <ul className="attention-list">
            {cases > 0 ? <li>{t("owedEpochs.cases", { count: cases })}</li> : null}
            {adminRemoved > 0 ? <li>{t("owedEpochs.adminRemoved", { count: adminRemoved })}</li> : null}
            {chats > 0 ? <li>{t("owedEpochs.chats", { count: chats })}</li> : null}
            {view.dueByLimit > 0 ? <li>{t("owedEpochs.dueByLimit", { count: view.dueByLimit })}</li> : null}
          </ul>
        )
      ) : null}
      {view && view.mine.length > 0 && !run?.running ? (
        <>
          <p>{t("owedEpochs.mine", { count: view.mine.length })}</p>
          <button type="button" className="button button--primary" onClick={() => void renew(view.mine)}>
            {t("owedEpochs.renew")}
          </button>
        </>
      ) : null}
      <p role="status">
        {run === null
          ? ""
          : run.running
            ? t("owedEpochs.progress", { done: run.done + run.failed, total: run.total })
            : run.failed === 0
              ? t("owedEpochs.done", { count: run.done })
              : t("owedEpochs.partly", { done: run.done, total: run.total, failed: run.failed })}
      </p>
    </section>
  );
}
