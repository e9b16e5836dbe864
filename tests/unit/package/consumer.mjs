// A user's project: plain Node ESM, no TypeScript loader, gatecheck installed from a tarball.
// One payment through each export; prints what it saw and exits non-zero on a surprise.
import https from 'node:https';
import { setupServer } from 'msw/node';
import nock from 'nock';
import { processorHandlers } from 'gatecheck/msw';
import { networkGuard, processorInterceptors } from 'gatecheck/nock';

const body = new URLSearchParams({
  amount: '1000',
  currency: 'eur',
  confirm: 'true',
  payment_method: 'pm_card_visa',
  'metadata[reference]': 'order-1',
}).toString();
const headers = { authorization: 'Bearer sk_test_gatecheck_51Mock', 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'order-1' };

// nock patches http on import; msw goes first, so turn it off until its turn.
nock.restore();
const stripe = processorHandlers('stripe', { baseUrl: 'https://api.stripe.com' });
const server = setupServer(...stripe.handlers);
server.listen({ onUnhandledRequest: 'error' });
const viaFetch = await fetch('https://api.stripe.com/v1/payment_intents', { method: 'POST', headers, body });
server.close();
console.log(`msw: ${viaFetch.status}, payments ${stripe.payments.length}`);

const guard = networkGuard();
const mocked = processorInterceptors('stripe', { baseUrl: 'https://api.stripe.com' });
const viaHttps = await new Promise((resolve, reject) => {
  const request = https.request('https://api.stripe.com/v1/payment_intents', { method: 'POST', headers }, (response) => {
    response.resume();
    response.on('end', () => resolve(response.statusCode));
  });
  request.on('error', reject);
  request.end(body);
});
mocked.remove();
guard.restore();
console.log(`nock: ${viaHttps}, payments ${mocked.payments.length}`);

process.exitCode = viaFetch.status === 200 && viaHttps === 200 && stripe.payments.length === 1 && mocked.payments.length === 1 ? 0 : 1;
