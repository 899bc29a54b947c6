// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { isGuessablePassword } from "./password-strength";

describe("common-password check", () => {
  it.each([
    "Passwort12345",
    "password1234",
    "qwertzuiop123",
    "hallo1234567",
    "Schmetterling1",
    "123456789012",
    "anna.berger1990",
    // English common words and word sequences are still checked.
    "footballplayer1",
    "Mondaymorning12",
  ])("refuses %s", async (password) => {
    expect(await isGuessablePassword(password, ["anna.berger"])).toBe(true);
  });

  it("refuses a password built from the pseudonym", async () => {
    expect(await isGuessablePassword("kleinerfuchs77", ["kleinerfuchs"])).toBe(true);
  });

  it.each(["Kaffee Fahrrad Wolke Segel", "mT4#qz!v9Lr2wX", "gurke-ampel-tinte-fels-7"])(
    "accepts %s",
    async (password) => {
      expect(await isGuessablePassword(password, ["anna.berger"])).toBe(false);
    },
  );
});
