// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Reporter, SerializedError, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after
 * Vitest's own summary, so CI logs can be read by tools that look for it.
 * A file that fails outside its tests (an import or a `beforeAll` that throws)
 * leaves its tests unrun, not skipped on purpose: they count as failed, and so
 * does every unhandled error, so the line never says "0 failed" for a red run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let moduleFailed = 0;
      let moduleSkipped = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") moduleFailed += 1;
        else moduleSkipped += 1;
      }
      if (module.state() === "failed" && moduleFailed === 0) {
        moduleFailed = Math.max(1, moduleSkipped);
        moduleSkipped = 0;
      }
      failed += moduleFailed;
      skipped += moduleSkipped;
    }
    process.stdout.write(timings(testModules));
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

const SLOWEST = 10;

function timings(testModules: ReadonlyArray<TestModule>): string {
  const perProject = new Map<string, number>();
  const files = testModules.map((module) => {
    const { collectDuration, duration } = module.diagnostic();
    const seconds = (collectDuration + duration) / 1000;
    perProject.set(module.project.name, (perProject.get(module.project.name) ?? 0) + seconds);
    return { name: `${module.project.name} ${module.relativeModuleId}`, seconds };
  });
  const lines = [...perProject].map(([name, seconds]) => `  ${name}: ${seconds.toFixed(0)} s`);
  const slowest = files.sort((a, b) => b.seconds - a.seconds).slice(0, SLOWEST);
  lines.push(...slowest.map((file) => `  ${file.seconds.toFixed(0).padStart(4)} s  ${file.name}`));
  return `\ntimings (import + tests per file, summed):\n${lines.join("\n")}\n`;
}
