// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The common-password check of the password policy (issue 4, item 10). The
 * server never sees a password (OPAQUE), so this is the only place that can
 * refuse "Passwort12345" or "sommer2026!!!": zxcvbn-ts estimates how many
 * guesses an attacker needs, with the common-password and German
 * dictionaries, English common words and first names, keyboard patterns,
 * dates and l33t substitutions.
 *
 * The dictionaries are large (≈ 0.7 MB compressed), so they load on the first check as
 * a lazy chunk (pinned by the import map like every chunk), never with the
 * first page. If the chunk cannot be loaded, the check fails closed: the
 * caller shows an error and no account is created with an unchecked password.
 */

/** zxcvbn score 3 ≈ 10^8 guesses or more: "safely unguessable" for an online-resistant OPAQUE login plus Argon2id backup. */
export const MIN_SCORE = 3;

type Checker = (password: string, userInputs: string[]) => number;

let checker: Promise<Checker> | undefined;

async function loadChecker(): Promise<Checker> {
  const [{ ZxcvbnFactory }, common, de, enCommonWords, enFirstnames, enWordSequences] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-de"),
    // English: the common words, first names and word sequences, not the package's whole dictionary
    // (its US surnames and Wikipedia lists are two thirds of its bytes and add little against German
    // passphrases; docs/PERFORMANCE.md "Web app load budget").
    import("@zxcvbn-ts/language-en/dist/commonWords.json.mjs"),
    import("@zxcvbn-ts/language-en/dist/firstnames.json.mjs"),
    import("@zxcvbn-ts/language-en/dist/wordSequences.json.mjs"),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...de.dictionary,
      "commonWords-en": enCommonWords.default,
      "firstnames-en": enFirstnames.default,
      ...enWordSequences.default,
    },
    graphs: common.adjacencyGraphs,
  });
  return (password, userInputs) => zxcvbn.check(password, userInputs).score;
}

/**
 * True when the password is too easy to guess. `context` holds words an
 * attacker would try first for this account: the pseudonym, the
 * organisation's name, "obhut".
 */
export async function isGuessablePassword(password: string, context: readonly string[] = []): Promise<boolean> {
  checker ??= loadChecker().catch((error: unknown) => {
    checker = undefined; // allow a retry after a network failure
    throw error;
  });
  const score = (await checker)(password, ["obhut", ...context.filter(Boolean)]);
  return score < MIN_SCORE;
}
