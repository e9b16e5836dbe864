import { test as base } from '@playwright/test';
import type { ProfileName } from '../../mocks/processors/profile.ts';
import { loadSandboxEnv, type ProfileStatus } from './env.ts';
import { SandboxSession } from './session.ts';

type WorkerFixtures = {
  /**
   * Every profile's configuration, read once per worker before any test runs. The spec already
   * read it at collection, where a live-looking credential or an unusable variable stopped the
   * run; should a spec skip that, it throws here, failing every test before any request.
   */
  sandboxEnv: Record<ProfileName, ProfileStatus>;
};

type TestFixtures = {
  /** A session with `profile`'s sandbox; skips the test, naming the missing variables, when it is not configured. */
  sandbox: (profile: ProfileName) => SandboxSession;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // eslint-disable-next-line no-empty-pattern
  sandboxEnv: [async ({}, use) => use(loadSandboxEnv(process.env)), { scope: 'worker', auto: true }],
  sandbox: async ({ sandboxEnv }, use, testInfo) => {
    await use((profile) => {
      const status = sandboxEnv[profile];
      if (status.target === null) {
        // The list reporter prints no skip reasons; stdout it does print, next to the test.
        console.log(`skipped: ${status.reason}`);
        test.skip(true, status.reason);
        throw new Error('unreachable: test.skip throws');
      }
      return new SandboxSession(status.target, testInfo);
    });
  },
});

export { expect } from '@playwright/test';
