import { getScenario } from '../scenarios/index.ts';
import type { Behaviour } from '../scenarios/schema.ts';
import type { ProfileName } from '../processors/profile.ts';
import { stateOptions } from '../servers/behaviour.ts';
import type { ProfileOptions } from '../processors/profile.ts';
import type { BehaviourStep } from './behaviour.ts';

/**
 * A catalogue scenario translated for the in-process tier: which profile, how it misbehaves, and
 * the profile options (a stored 500, a slow application) that are part of the processor itself.
 */
export type ScenarioSetup = { profile: ProfileName; options: { behaviour: BehaviourStep; profileOptions: ProfileOptions } };

const socketOnly = (id: string, why: string) =>
  new Error(`gatecheck: scenario "${id}" ${why}, which needs real sockets: run it with npx gatecheck serve ${id} (or the contract suites), not in-process`);

function step(id: string, b: Behaviour): BehaviourStep {
  const times = (t: number | null) => (t === null ? {} : { times: t });
  switch (b.kind) {
    case 'normal':
    case 'app-error':
    case 'slow-processing':
      return { kind: 'normal' };
    case 'fail':
      return { kind: 'failure', failure: b.failure, ...(b.retryAfterSeconds === null ? {} : { retryAfterSeconds: b.retryAfterSeconds }), ...times(b.times) };
    case 'reset':
      return { kind: 'network-error', code: 'ECONNRESET', when: b.commit ? 'after-processing' : 'before-processing', ...times(b.times) };
    case 'hang':
      return { kind: 'network-error', code: 'ETIMEDOUT', when: b.commit ? 'after-processing' : 'before-processing', ...times(b.times) };
    case 'token-endpoint-fails':
      return { kind: 'failure', failure: b.failure, route: 'token', ...(b.retryAfterSeconds === null ? {} : { retryAfterSeconds: b.retryAfterSeconds }) };
    default:
      throw socketOnly(id, `has the "${b.kind}" behaviour`);
  }
}

/**
 * The in-process equivalent of an HTTP-level scenario, e.g.
 * `processorHandlers(s.profile, { baseUrl, ...s.options })` with
 * `s = scenarioSetup('http.rate-limited-then-ok')`. TLS, mTLS and socket-level scenarios throw:
 * no in-process mock can produce a handshake.
 */
export function scenarioSetup(id: string): ScenarioSetup {
  const scenario = getScenario(id);
  const { transport, responseFault, profile } = scenario.processor;
  const t = transport.kind === 'tls' ? transport.tls : null;
  const plainTls = t && t.cert === 'server-good' && t.chain === 'full' && t.clientCert.mode === 'none' && !t.ciphers && !t.alpn && t.minVersion === 'TLSv1.2' && t.maxVersion === 'TLSv1.3';
  if (scenario.family === 'tls' || scenario.family === 'mtls' || !plainTls) throw socketOnly(id, 'is about TLS or the transport');
  if (responseFault.fault !== 'none') throw socketOnly(id, `breaks responses on the wire (${responseFault.fault})`);
  const profileOptions = stateOptions(scenario.processor.behaviour);
  if (scenario.gateway.host === 'unresolvable') return { profile, options: { behaviour: { kind: 'network-error', code: 'ENOTFOUND' }, profileOptions } };
  return { profile, options: { behaviour: step(id, scenario.processor.behaviour), profileOptions } };
}
