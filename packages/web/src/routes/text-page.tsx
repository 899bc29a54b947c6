// SPDX-License-Identifier: AGPL-3.0-or-later
import { Page, Section } from "../components/page";
import { useT } from "../i18n/use-t";

/** Privacy and accessibility statements: a title, a lead and sections. */
function TextPage({ topic }: { topic: "privacy" | "accessibility" }) {
  const { t } = useT();
  const sections = t(`${topic}.sections`, { returnObjects: true });
  return (
    <Page title={t(`${topic}.title`)} lead={t(`${topic}.lead`)}>
      {sections.map((section) => (
        <Section key={section.title} title={section.title}>
          <p>{section.body}</p>
        </Section>
      ))}
    </Page>
  );
}

export const PrivacyPage = () => <TextPage topic="privacy" />;
export const AccessibilityPage = () => <TextPage topic="accessibility" />;
