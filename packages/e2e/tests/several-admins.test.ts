// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from "node:path";
import { decodeOrgLogEntry, fromBase64Url, verifyOrgLog } from "@obhut/crypto";
import type { Database as SqliteDb } from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VIEWPORTS } from "../src/app";
import { createActor, type Actor } from "../src/browser";
import { axeEverywhere } from "../src/setup";
import type { Stack } from "../src/stack";
import { signUpFromInvite, viaStaffShell } from "../src/accounts";
import { runObhut } from "../src/instance";
import { consoleNav, consoleSuccess, enrolTotp, reloadUsersPage } from "../src/admin-console";
import { startTestStack } from "./helpers";

/**
 * Several administrators in real Chromium (issue #14, item 1; ADR 0026):
 * the first admin invites a second one in the console; after sign-up the
 * second is listed as waiting for confirmation and the console warns that
 * only one person holds the organisation's keys. The first admin confirms
 * them (admin-added, wraps of root, archive and team key, in the first
 * admin's browser). While pending, the second admin's attempt to add a
 * counsellor to a team is refused with a reason (it failed with
 * bad_signature, half done, before); once confirmed, it works and the counsellor's browser
 * opens the team key. Finally the second admin deactivates the first: the
 * log shows admin-removed, archive and root generation 2, wrapped only to
 * the second admin, and the warning is back. Last, the counsellor is promoted
 * (pending), confirmed and demoted again: archive generation 3, team key
 * generation 3 that she still reads as a member, no organisation keys left.
 */

const EXPECTED_CONSOLE = /status of (401|403|409)/;

async function readDb<T>(dataDir: string, fn: (db: SqliteDb) => T): Promise<T> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(join(dataDir, "obhut.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const ONLY_ONE = "Nur eine Person kann die Schlüssel der Organisation verwalten.";

describe("several administrators in the browser", () => {
  let stack: Stack;
  let origin: string;
  const actors: Actor[] = [];

  const actor = async (name: string): Promise<Actor> => {
    const created = await createActor(await stack.browser(), name, origin, { viewport: VIEWPORTS.desktop });
    actors.push(created);
    return created;
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { OBHUT_RATE_LIMITS: "auth=200,setup=200" } });
    origin = `http://localhost:${new URL(stack.baseUrl).port}`;
  }, 90_000);
  afterAll(async () => {
    for (const a of actors) await a.context.close().catch(() => {});
    await stack?.stop();
  });

  it("invite → sign up → confirm → the second admin adds a counsellor → removal rotates the archive key", async () => {
    const violations: string[] = [];
    const { stdout: created } = await runObhut({ dataDir: stack.dataDir }, [
      "admin",
      "create-org",
      "--name",
      "Beratung Süd",
    ]);
    const orgId = /Organisation (\S+) created/.exec(created)![1]!;
    const adminToken = /\/invite#token=([A-Za-z0-9_-]+)/.exec(created)![1]!;

    // ── The first admin: genesis, a team with a key ─────────────────────────────
    const first = await actor("admin-1");
    const fp = first.page;
    first.step("sign up with the genesis");
    await fp.goto(`${origin}/invite#token=${adminToken}`);
    await signUpFromInvite(fp, {
      organisation: "Beratung Süd",
      username: "sued-admin",
      password: "Kiebitze rufen über nassen Wiesen",
    });
    await enrolTotp(fp, "/admin");

    first.step("create a team and take its key (generation 1)");
    await consoleNav(fp, "Teams", "/admin/teams");
    await fp.fill("#team-name", "Team Süd");
    await fp.getByRole("button", { name: "Team anlegen" }).click();
    await consoleSuccess(fp, "Team Süd ist angelegt");
    await consoleNav(fp, "Mitarbeitende", "/admin/users");
    const self = fp.locator('li[data-username="sued-admin"]');
    await self.getByLabel("sued-admin einem Team hinzufügen").selectOption({ label: "Team Süd" });
    await self.getByRole("button", { name: "Hinzufügen" }).click();
    await consoleSuccess(fp, "sued-admin ist jetzt im Team Team Süd");

    first.step("the console warns: one person holds the keys; invite a second admin and a counsellor");
    await fp.getByText(ONLY_ONE).waitFor();
    await fp.getByLabel("Rolle", { exact: true }).selectOption({ label: "Administration" });
    await fp.getByRole("button", { name: "Einladung erstellen" }).click();
    await consoleSuccess(fp, "Die Einladung ist erstellt.");
    const adminLink = (await fp.locator("#invite-link").textContent())!.trim();
    await fp.getByLabel("Rolle", { exact: true }).selectOption("counsellor");
    await fp.getByRole("button", { name: "Einladung erstellen" }).click();
    await consoleSuccess(fp, "Die Einladung ist erstellt.");
    const counsellorLink = (await fp.locator("#invite-link").textContent())!.trim();
    expect(counsellorLink).not.toBe(adminLink);

    // ── The second admin signs up: pending ───────────────────────────────────────
    const second = await actor("admin-2");
    const sp = second.page;
    second.step("sign up from the console's link");
    await sp.goto(adminLink);
    await signUpFromInvite(sp, {
      organisation: "Beratung Süd",
      username: "sued-admin2",
      password: "Austernfischer am Spülsaum",
    });
    await enrolTotp(sp, "/admin");
    await consoleNav(sp, "Mitarbeitende", "/admin/users");
    const ownEntry = sp.locator('li[data-admin="sued-admin2"]');
    await ownEntry.getByText("wartet auf Bestätigung durch eine Administratorin oder einen Administrator").waitFor();
    // Only a confirmed admin can confirm: the pending one has no button.
    expect(await sp.getByRole("button", { name: /als Administratorin oder Administrator bestätigen/ }).count()).toBe(0);

    // ── The counsellor signs up ──────────────────────────────────────────────────
    const counsellor = await actor("counsellor");
    const cp = counsellor.page;
    counsellor.step("sign up");
    await cp.goto(counsellorLink);
    await signUpFromInvite(cp, {
      organisation: "Beratung Süd",
      username: "sued-mara",
      password: "Seeschwalben über der Lagune",
    });
    await enrolTotp(cp, "/inbox");
    await viaStaffShell(cp, "Konto", "/account");
    await cp.getByText("Sie haben noch keinen Teamschlüssel.").waitFor();

    second.step("while pending, adding the counsellor to a team is refused with a reason, before anything changes");
    await reloadUsersPage(sp);
    const card = sp.locator('li[data-username="sued-mara"]');
    await card.getByLabel("sued-mara einem Team hinzufügen").selectOption({ label: "Team Süd" });
    await card.getByRole("button", { name: "Hinzufügen" }).click();
    await sp.getByRole("alert").filter({ hasText: "Ihre Schlüssel sind noch nicht bestätigt." }).waitFor();
    violations.push(...(await axeEverywhere(sp, "/admin/users pending self")));

    // ── The first admin confirms the second ──────────────────────────────────────
    first.step("confirm the second admin (signed and wrapped in this browser)");
    await reloadUsersPage(fp);
    const pending = fp.locator('li[data-admin="sued-admin2"]');
    await pending.getByText("wartet auf Bestätigung").waitFor();
    violations.push(...(await axeEverywhere(fp, "/admin/users pending admin")));
    await fp.getByRole("button", { name: "sued-admin2 als Administratorin oder Administrator bestätigen" }).click();
    await consoleSuccess(fp, "sued-admin2 ist bestätigt und hat die Schlüssel der Organisation.");
    await expect(pending.getAttribute("data-state")).resolves.toBe("confirmed");
    await expect(fp.getByText(ONLY_ONE).count()).resolves.toBe(0);
    violations.push(...(await axeEverywhere(fp, "/admin/users two admins")));

    // ── The second admin adds the counsellor to the team ─────────────────────────
    second.step("add the counsellor to the team: certify, wrap the team key");
    await reloadUsersPage(sp);
    await expect(ownEntry.getAttribute("data-state")).resolves.toBe("confirmed");
    await card.getByLabel("sued-mara einem Team hinzufügen").selectOption({ label: "Team Süd" });
    await card.getByRole("button", { name: "Hinzufügen" }).click();
    await consoleSuccess(sp, "sued-mara ist jetzt im Team Team Süd");

    counsellor.step("the counsellor's browser opens the team key");
    const teamKeyRow = (page: Page) => page.locator('.team-keys li[data-team="Team Süd"]');
    await cp.getByRole("button", { name: "Erneut prüfen" }).click();
    await teamKeyRow(cp).waitFor();
    await expect(teamKeyRow(cp).getAttribute("data-state")).resolves.toBe("ok");
    await expect(teamKeyRow(cp).getAttribute("data-generation")).resolves.toBe("1");

    // ── The second admin removes the first ───────────────────────────────────────
    second.step("deactivate the first admin: admin-removed, archive key rotated");
    const firstCard = sp.locator('li[data-username="sued-admin"]');
    await firstCard.getByRole("button", { name: "Deaktivieren" }).click();
    await firstCard.getByRole("button", { name: "Ja, deaktivieren" }).click();
    await consoleSuccess(sp, "sued-admin ist deaktiviert");
    await sp.getByText(ONLY_ONE).waitFor();
    violations.push(...(await axeEverywhere(sp, "/admin/users one admin left")));

    const entries = await readDb(stack.dataDir, (db) =>
      (
        db.prepare("SELECT entry FROM org_log_entries WHERE organisation_id = ? ORDER BY seq").all(orgId) as {
          entry: string;
        }[]
      ).map((r) => decodeOrgLogEntry(fromBase64Url(r.entry))),
    );
    const state = verifyOrgLog(entries);
    const ids = await readDb(stack.dataDir, (db) =>
      Object.fromEntries(
        (
          db.prepare("SELECT id, username FROM accounts WHERE organisation_id = ?").all(orgId) as {
            id: string;
            username: string;
          }[]
        ).map((r) => [r.username, r.id]),
      ),
    );
    expect([...state.admins.values()].map((k) => k.accountId)).toEqual([ids["sued-admin2"]]);
    expect(entries.filter((e) => e.payload.type === "admin-added")).toHaveLength(2);
    expect(entries.some((e) => e.payload.type === "admin-removed")).toBe(true);
    expect(state.archiveGenerations.map((g) => g.generation)).toEqual([1, 2]);
    expect(state.archiveRotationOwed).toBe(false);
    const orgWraps = await readDb(stack.dataDir, (db) =>
      db
        .prepare(
          "SELECT kind, generation, recipient_account_id AS recipient FROM key_wraps WHERE kind IN ('org-root', 'archive') ORDER BY kind, generation",
        )
        .all(),
    );
    // The first admin's organisation keys are gone; the second holds archive 1 and 2 and root 1 and 2.
    expect(orgWraps).toEqual([
      { kind: "archive", generation: 1, recipient: ids["sued-admin2"] },
      { kind: "archive", generation: 2, recipient: ids["sued-admin2"] },
      { kind: "org-root", generation: 1, recipient: ids["sued-admin2"] },
      { kind: "org-root", generation: 2, recipient: ids["sued-admin2"] },
    ]);
    // The root's authority moved on: the genesis root (which the first admin held) signs nothing more.
    expect(state.rootGenerations.map((g) => g.generation)).toEqual([1, 2]);
    expect(state.rootRotationOwed).toBe(false);

    counsellor.step("the team key rotated without the former admin; the counsellor reads both generations");
    await cp.getByRole("button", { name: "Erneut prüfen" }).click();
    await expect.poll(async () => teamKeyRow(cp).getAttribute("data-generation"), { timeout: 30_000 }).toBe("2");
    await expect(teamKeyRow(cp).getAttribute("data-readable")).resolves.toBe("1,2");

    // ── Role change: promote the counsellor, confirm, demote again ───────────────
    second.step("promote the counsellor: pending until confirmed, then confirmed");
    const maraCard = sp.locator('li[data-username="sued-mara"]');
    const setRole = async (label: string) => {
      await maraCard.getByRole("button", { name: "Rolle ändern" }).click();
      await maraCard.getByLabel("Neue Rolle für sued-mara").selectOption({ label });
      await maraCard.getByRole("button", { name: "Neue Rolle speichern" }).click();
      await consoleSuccess(sp, `sued-mara hat jetzt die Rolle ${label}.`);
    };
    await setRole("Administration");
    await sp.locator('li[data-admin="sued-mara"]').getByText("wartet auf Bestätigung").waitFor();
    violations.push(...(await axeEverywhere(sp, "/admin/users promoted")));
    await sp.getByRole("button", { name: "sued-mara als Administratorin oder Administrator bestätigen" }).click();
    await consoleSuccess(sp, "sued-mara ist bestätigt");
    await expect(sp.getByText(ONLY_ONE).count()).resolves.toBe(0);

    second.step("demote her: admin-removed, archive and team key rotate, her organisation keys are gone");
    await setRole("Fachkraft");
    await sp.getByText(ONLY_ONE).waitFor();
    const after = verifyOrgLog(
      await readDb(stack.dataDir, (db) =>
        (
          db.prepare("SELECT entry FROM org_log_entries WHERE organisation_id = ? ORDER BY seq").all(orgId) as {
            entry: string;
          }[]
        ).map((r) => fromBase64Url(r.entry)),
      ),
    );
    expect([...after.admins.values()].map((k) => k.accountId)).toEqual([ids["sued-admin2"]]);
    expect([...after.staff.values()].map((k) => k.accountId)).toContain(ids["sued-mara"]);
    expect(after.archiveGenerations.map((g) => g.generation)).toEqual([1, 2, 3]);
    expect(after.rootGenerations.map((g) => g.generation)).toEqual([1, 2, 3]);
    const maraOrgWraps = await readDb(stack.dataDir, (db) =>
      db
        .prepare("SELECT kind FROM key_wraps WHERE kind IN ('org-root', 'archive') AND recipient_account_id = ?")
        .all(ids["sued-mara"]),
    );
    expect(maraOrgWraps).toEqual([]);
    counsellor.step("still in the team: she reads the new team key generation");
    await cp.getByRole("button", { name: "Erneut prüfen" }).click();
    await expect.poll(async () => teamKeyRow(cp).getAttribute("data-generation"), { timeout: 30_000 }).toBe("3");
    await expect(teamKeyRow(cp).getAttribute("data-readable")).resolves.toBe("1,2,3");

    expect(violations).toEqual([]);
    for (const a of [first, second, counsellor]) {
      expect(a.foreignRequests()).toEqual([]);
      expect(a.cspViolations).toEqual([]);
      expect(a.pageErrors).toEqual([]);
      expect(a.consoleErrors.filter((m) => !EXPECTED_CONSOLE.test(m))).toEqual([]);
    }
  }, 600_000);
});
