// SPDX-License-Identifier: AGPL-3.0-or-later
import { useState, type FormEvent } from "react";
import { TextField } from "../components/text-field";
import { useT } from "../i18n/use-t";

/** Adds a topic to the organisation; the fields clear once it is added. */
export function TopicSection({ onAdd }: { onAdd: (name: string, slug: string) => Promise<boolean> }) {
  const { t } = useT();
  const [topicName, setTopicName] = useState("");
  const [topicSlug, setTopicSlug] = useState("");

  const addTopic = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(topicName, topicSlug)) {
      setTopicName("");
      setTopicSlug("");
    }
  };

  return (
    <section className="section" aria-labelledby="topic-heading">
      <h2 id="topic-heading">{t("admin.agencies.topicHeading")}</h2>
      <form className="form" onSubmit={(e) => void addTopic(e)}>
        <TextField
          id="topic-name"
          label={t("admin.agencies.topicName")}
          value={topicName}
          onValue={setTopicName}
          required
          maxLength={120}
        />
        <TextField
          id="topic-slug"
          label={t("admin.agencies.topicSlug")}
          hint={t("admin.agencies.topicSlugHint")}
          value={topicSlug}
          onValue={setTopicSlug}
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          maxLength={40}
        />
        <button type="submit" className="button">
          {t("admin.agencies.topicAdd")}
        </button>
      </form>
    </section>
  );
}
