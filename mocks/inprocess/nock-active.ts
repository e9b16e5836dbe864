import nock from 'nock';

/** nock is active from import on; a test that called `nock.restore()` turned it off for every test after it in the process. */
export function ensureNockActive(): void {
  if (!nock.isActive()) nock.activate();
}
