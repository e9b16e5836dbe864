import { TEST_CARDS } from '../../mocks/processors/index.ts';
import { ProfileName } from '../../mocks/processors/profile.ts';
import { clients } from './clients.ts';
import { loadSandboxEnv } from './env.ts';
import { test } from './fixtures.ts';

/**
 * The good-path and schema suites against each processor's real sandbox. Every answer is held
 * to the zod schema the mock serves for the same request: a mismatch is drift, reported with
 * its field path in test-results/drift.json. Configure with GATECHECK_SANDBOX_* (README,
 * "Nightly sandbox tier"); an unconfigured profile is skipped, naming what is missing.
 */
// Read while the tests are collected: a live-looking credential or an unusable variable stops the
// whole run here, before any worker starts and before any request. (The worker fixture reads it again.)
loadSandboxEnv(process.env);

for (const profile of ProfileName.options) {
  const client = clients[profile];

  test.describe(`sandbox.${profile}`, () => {
    test(`sandbox.${profile}.approved: the approved test card is approved, in the mock's paymentResponse shape`, async ({ sandbox }) => {
      const session = sandbox(profile);
      const auth = await client.authenticate(session);
      await session.call(client.payment(session.target, TEST_CARDS.approved, auth), { schema: 'paymentResponse', status: client.status.approved });
    });

    test(`sandbox.${profile}.declined: the insufficient-funds test card is declined, in the mock's declineResponse shape`, async ({ sandbox }) => {
      const session = sandbox(profile);
      const auth = await client.authenticate(session);
      await session.call(client.payment(session.target, TEST_CARDS.declinedInsufficientFunds, auth), { schema: 'declineResponse', status: client.status.declined });
    });

    test(`sandbox.${profile}.refused: a wrong credential is refused, in the mock's errorResponse shape`, async ({ sandbox }) => {
      const session = sandbox(profile);
      const { request, wrongSecret } = client.refusal(session.target);
      session.redactor.add(wrongSecret);
      await session.call(request, { schema: 'errorResponse', status: client.status.refused });
    });
  });
}
