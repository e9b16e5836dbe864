import { expect, test } from '@playwright/test';
import { decodeForm } from '../../../mocks/processors/http.ts';
import { profiles } from '../../../mocks/processors/index.ts';
import { expectShape, Harness, tokenRequest } from './harness.ts';

const paypal = profiles.paypal;

/** A clock the test moves by hand. */
function clock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
}

test('paypal: client credentials get a bearer token that pays', async () => {
  const h = new Harness('paypal');
  const request = tokenRequest();
  expect(paypal.schemas.tokenRequest!.safeParse(decodeForm(request.body)).success).toBe(true);

  const response = await h.send(request);

  expect(response.status, response.body).toBe(200);
  const token = expectShape(paypal.schemas.tokenResponse, response);
  expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 32400 });
  const paid = await h.pay({ headers: { authorization: `Bearer ${token.access_token}` } });
  expect(paid.status, paid.body).toBe(201);
});

test('paypal: each token request issues a new token, and every unexpired one works', async () => {
  const h = new Harness('paypal');
  const tokens = [];
  for (let i = 0; i < 2; i++) tokens.push(JSON.parse((await h.send(tokenRequest())).body).access_token as string);
  expect(tokens[0]).not.toBe(tokens[1]);
  for (const token of tokens) expect((await h.pay({ headers: { authorization: `Bearer ${token}` } })).status).toBe(201);
});

test('paypal: expires_in follows tokenTtlSeconds and the token dies on the profile clock', async () => {
  const c = clock();
  const h = new Harness('paypal', { tokenTtlSeconds: 60, now: c.now });
  expect(JSON.parse((await h.send(tokenRequest())).body).expires_in).toBe(60);
  const token = JSON.parse((await h.send(tokenRequest())).body).access_token as string;
  const pay = () => h.pay({ headers: { authorization: `Bearer ${token}` } });

  c.advance(59);
  expect((await pay()).status).toBe(201);
  c.advance(1);
  const expired = await pay();
  expect(expired.status).toBe(401);
  expect(expectShape(paypal.schemas.errorResponse, expired)).toEqual({ error: 'invalid_token', error_description: 'Token signature verification failed' });
});

test('paypal: revokeTokens() invalidates every issued token; a new one works', async () => {
  const h = new Harness('paypal');
  const old = JSON.parse((await h.send(tokenRequest())).body).access_token as string;
  expect((await h.pay({ headers: { authorization: `Bearer ${old}` } })).status).toBe(201);

  h.state.revokeTokens();

  const revoked = await h.pay({ headers: { authorization: `Bearer ${old}` }, key: 'key-revoked' });
  expect(revoked.status).toBe(401);
  expect(expectShape(paypal.schemas.errorResponse, revoked)).toMatchObject({ error: 'invalid_token' });
  const fresh = JSON.parse((await h.send(tokenRequest())).body).access_token as string;
  const retried = await h.pay({ headers: { authorization: `Bearer ${fresh}` }, key: 'key-revoked' });
  expect(retried.status, 'a 401 does not bind the key').toBe(201);
  expect(h.state.payments).toHaveLength(2);
});

const badClients = [
  { title: 'a wrong client secret', request: tokenRequest({ password: 'not-the-secret' }) },
  { title: 'an unknown client id', request: tokenRequest({ user: 'someone-else' }) },
  { title: 'no Authorization header', request: tokenRequest({ omitAuth: true }) },
  { title: 'a Bearer header', request: { ...tokenRequest(), headers: { authorization: 'Bearer gatecheck-client-secret' } } },
];

for (const { title, request } of badClients) {
  test(`paypal: token request with ${title} -> 401 invalid_client`, async () => {
    const h = new Harness('paypal');
    const response = await h.send(request);
    expect(response.status).toBe(401);
    expect(expectShape(paypal.schemas.errorResponse, response)).toEqual({ error: 'invalid_client', error_description: 'Client Authentication failed' });
    expect(response.body).not.toContain('not-the-secret');
  });
}

test('paypal: a grant type other than client_credentials -> 400 unsupported_grant_type', async () => {
  const h = new Harness('paypal');
  for (const body of ['grant_type=password', '']) {
    expect(paypal.schemas.tokenRequest!.safeParse(decodeForm(body)).success).toBe(false);
    const response = await h.send(tokenRequest({ body }));
    expect(response.status).toBe(400);
    expect(expectShape(paypal.schemas.errorResponse, response)).toMatchObject({ error: 'unsupported_grant_type' });
  }
});
