import { IdempotencyStore } from './idempotency.ts';
import type { CommittedPayment, ProfileName, ProfileOptions, ProfileState } from './profile.ts';
import { Recent } from './recent.ts';

export const DEFAULT_TOKEN_TTL_SECONDS = 32_400;
/** How many committed payments and issued tokens a mock remembers: bounded under any length of load. */
export const MEMORY_LIMIT = 10_000;

/** Everything one mock processor remembers between requests. */
export class ProcessorState implements ProfileState {
  readonly idempotency = new IdempotencyStore();
  /** OAuth2 access token -> expiry (ms since epoch, on the profile's clock). */
  readonly tokens = new Map<string, number>();
  readonly now: () => Date;
  readonly tokenTtlSeconds: number;
  readonly processingDelayMs: number;
  readonly rawCardAccess: boolean;
  /** Adyen merchant accounts the key may use; empty means the profile's default. */
  readonly merchantAccounts: readonly string[];
  /** PayPal REST apps the token endpoint knows; empty means the profile's default. */
  readonly oauthClients: readonly { clientId: string; clientSecret: string }[];
  /** PayPal orders by id (bounded like payments): what capture looks up. */
  readonly orders = new Map<string, unknown>();
  readonly #payments = new Recent<CommittedPayment>(MEMORY_LIMIT);
  #serverErrorsLeft: number;

  constructor(readonly profile: ProfileName, options: ProfileOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.processingDelayMs = options.processingDelayMs ?? 0;
    this.#serverErrorsLeft = options.serverErrors ?? 0;
    this.rawCardAccess = options.rawCardAccess ?? false;
    this.merchantAccounts = [...(options.merchantAccounts ?? [])];
    this.oauthClients = [...(options.oauthClients ?? [])];
  }

  /** The committed payments, oldest first (a copy). */
  get payments(): readonly CommittedPayment[] {
    return this.#payments.toArray();
  }

  commit(payment: CommittedPayment): void {
    this.#payments.push(payment);
  }

  /** Remembers an issued OAuth2 token, forgetting the oldest beyond MEMORY_LIMIT. */
  issueToken(token: string, expiresAt: number): void {
    this.tokens.set(token, expiresAt);
    if (this.tokens.size > MEMORY_LIMIT) this.tokens.delete(this.tokens.keys().next().value!);
  }

  /** Remembers an order (PayPal), forgetting the oldest beyond MEMORY_LIMIT. */
  saveOrder(id: string, order: unknown): void {
    this.orders.set(id, order);
    if (this.orders.size > MEMORY_LIMIT) this.orders.delete(this.orders.keys().next().value!);
  }

  revokeTokens(): void {
    this.tokens.clear();
  }

  /** True while the `serverErrors` option still has failures to hand out. */
  takeServerError(): boolean {
    if (this.#serverErrorsLeft <= 0) return false;
    this.#serverErrorsLeft--;
    return true;
  }
}

/** The state `handle()` was given, checked: made by `createState()` of this same profile. */
export function stateOf(state: unknown, profile: ProfileName): ProcessorState {
  if (!(state instanceof ProcessorState)) {
    throw new Error(`gatecheck: ${profile}.handle() needs a state made by ${profile}.createState(); create one per server and pass it to every call`);
  }
  if (state.profile !== profile) {
    throw new Error(`gatecheck: ${profile}.handle() was given a ${state.profile} state; create one with ${profile}.createState()`);
  }
  return state;
}
