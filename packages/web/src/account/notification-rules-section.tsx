// SPDX-License-Identifier: AGPL-3.0-or-later
import type { NotificationRule, NotificationRulesView, RuleKind } from "@obhut/protocol";
import { useState, type FormEvent } from "react";
import { api as defaultApi, type ApiClient } from "../api/client";
import { useAction, useLoad } from "../api/use-action";
import { Section } from "../components/page";
import { useT } from "../i18n/use-t";
import { CheckboxField } from "./checkbox-field";
import { getMyNotificationRules, putMyNotificationRules } from "./notification-rules-endpoints";
import { Outcome } from "../components/outcome";

/**
 * "Wofür Sie benachrichtigt werden" on the account page (issue #17, ADR 0044),
 * staff only: one group per kind of event, a checkbox per channel the
 * organisation offers (in the app, by e-mail, on the device). The server
 * lists exactly what may be switched, with the privacy defaults filled in.
 */
export default function NotificationRulesSection({ api = defaultApi }: { api?: ApiClient }) {
  const { t } = useT();
  const data = useLoad((signal) => api.request(getMyNotificationRules, { signal }), [api]);
  return (
    <Section title={t("noticeRules.title")}>
      <p>{t("noticeRules.lead")}</p>
      {data.kind === "failed" ? (
        <p className="notice notice--error">{t("noticeRules.loadFailed", { code: data.error })}</p>
      ) : data.kind === "ready" ? (
        data.value.rules.length === 0 ? (
          <p>{t("noticeRules.none")}</p>
        ) : (
          <RulesForm api={api} current={data.value} onChanged={data.set} />
        )
      ) : null}
    </Section>
  );
}

const keyOf = (r: Pick<NotificationRule, "kind" | "channel">) => `${r.kind}/${r.channel}`;

function RulesForm({
  api,
  current,
  onChanged,
}: {
  api: ApiClient;
  current: NotificationRulesView;
  onChanged: (view: NotificationRulesView) => void;
}) {
  const { t } = useT();
  const [on, setOn] = useState(() => new Map(current.rules.map((r) => [keyOf(r), r.on])));
  const action = useAction(async (rules: NotificationRule[]) => {
    const view = await api.request(putMyNotificationRules, { body: { rules } });
    onChanged(view);
    return view;
  });
  const kinds: RuleKind[] = [...new Set(current.rules.map((r) => r.kind))];
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (action.pending) return;
    action.reset();
    void action.run(current.rules.map((r) => ({ ...r, on: on.get(keyOf(r)) ?? r.on })));
  };

  return (
    <form className="form" noValidate onSubmit={save}>
      {current.rules.some((r) => r.channel !== "bell") ? (
        <p className="field__hint">{t("noticeRules.emailHint")}</p>
      ) : null}
      {kinds.map((kind) => (
        <fieldset key={kind} className="fieldset">
          <legend>{t(`noticeRules.kinds.${kind}`)}</legend>
          {current.rules
            .filter((r) => r.kind === kind)
            .map((r) => (
              <CheckboxField
                key={keyOf(r)}
                id={`notice-rule-${r.kind}-${r.channel}`}
                label={t(`noticeRules.channels.${r.channel}`)}
                checked={on.get(keyOf(r)) ?? r.on}
                onChecked={(value) => setOn((prev) => new Map(prev).set(keyOf(r), value))}
              />
            ))}
        </fieldset>
      ))}
      <p className="actions">
        <button type="submit" className="button" aria-disabled={action.pending}>
          {t("noticeRules.save")}
        </button>
      </p>
      <Outcome
        error={action.error !== null ? t("noticeRules.failed", { code: action.error }) : null}
        success={action.result ? t("noticeRules.saved") : null}
        focus="error"
      />
    </form>
  );
}
