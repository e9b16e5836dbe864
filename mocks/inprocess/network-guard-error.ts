/** What a request to a host off this machine fails with while a network guard is on. */
export class NetworkGuardError extends Error {
  override readonly name = 'NetworkGuardError';
  /** As nock's own refusal: a client that maps codes sees an unreachable network. */
  readonly code = 'ENETUNREACH';

  /** `hosts`: host:port, one per blocked request; `mockWith`: the call that mocks a host instead. */
  constructor(readonly hosts: readonly string[], mockWith: string) {
    const what = hosts.length === 1 ? 'a request' : `${hosts.length} requests`;
    super(
      `gatecheck: network guard blocked ${what} to ${[...new Set(hosts)].join(', ')}: a unit test may reach only this machine (127.0.0.1, localhost, ::1). ` +
        `Mock the host with ${mockWith} or point the client at a loopback server.`,
    );
  }
}
