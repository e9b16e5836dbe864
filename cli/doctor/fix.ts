import type { ProcessorConfig } from '../../gateway/index.ts';
import { codeInfo, errorCodes, type ErrorCode } from '../../mocks/scenarios/codes.ts';
import { fixFor } from '../../mocks/scenarios/fixes.ts';
import type { ChainEntry } from './certificate.ts';
import type { TlsFacts } from './report.ts';

const isErrorCode = (code: string): code is ErrorCode => (errorCodes as string[]).includes(code);

export function summaryOf(code: string): string {
  return isErrorCode(code) ? codeInfo(code).summary : code;
}

export type FixFacts = { processor: ProcessorConfig | undefined; chain: ChainEntry[]; tls: TlsFacts };

/**
 * One sentence with the fix: the taxonomy's fix, made concrete with what doctor saw where that
 * changes the advice (no CA bundle at all, the pin to use instead, the names the certificate has).
 */
export function fixOf(code: string, facts: FixFacts): string {
  const { processor, chain, tls } = facts;
  const top = chain.at(-1);
  switch (code) {
    case 'TLS_UNTRUSTED_ROOT':
      if (processor && !processor.tls.caFile) {
        return `No CA bundle is configured (tls.caFile, doctor --ca), so only Node's built-in roots are trusted and none of them issued this chain${top ? ` (it ends at "${top.issuer}")` : ''}: set tls.caFile to a bundle holding the processor's root.`;
      }
      return `The CA bundle ${processor?.tls.caFile ?? ''} does not hold the root this chain ends at${top ? ` ("${top.issuer}")` : ''}: add it if it is the processor's announced new root, otherwise find what intercepts the connection (egress proxy, DNS).`;
    case 'TLS_PIN_MISMATCH': {
      const issuer = chain[1];
      return issuer
        ? `No configured pin matches the served chain: pin the issuing CA key ${issuer.pin} ("${issuer.subject}", it survives leaf renewals) in tls.pins, or remove pins.`
        : fixFor(code);
    }
    case 'TLS_HOSTNAME_MISMATCH': {
      const names = chain[0]?.sans.join(', ');
      return names
        ? `The certificate names ${names} but the gateway expects "${tls.servername}": correct the baseUrl host or tls.servername, or escalate if the processor serves the wrong certificate.`
        : fixFor(code);
    }
    case 'TLS_CERT_EXPIRED': {
      const expired = chain.find((c) => c.daysToExpiry < 0);
      return expired
        ? `The processor's certificate "${expired.subject}" expired on ${expired.notAfter.slice(0, 10)}: escalate to the processor (or correct the gateway clock if it is wrong), and never disable verification.`
        : 'Every served certificate is in date, so a CA in the gateway bundle that this chain needs has expired: refresh the bundle (tls.caFile or the ca-certificates package) so it holds the processor\'s current root.';
    }
    case 'TLS_PROTOCOL_VERSION': {
      const served = tls.served?.protocol;
      if (served === 'TLSv1.3' && processor?.tls.maxVersion === 'TLSv1.2') return 'The processor requires TLS 1.3 and tls.maxVersion caps the gateway at TLSv1.2: remove or raise tls.maxVersion.';
      if (served && served !== 'TLSv1.2' && served !== 'TLSv1.3') return `The processor negotiates only ${served}, below the TLS 1.2 floor: use the processor's current endpoint and never lower tls.minVersion (PCI DSS 4.2.1).`;
      return fixFor(code);
    }
    case 'TLS_NO_SHARED_CIPHER': {
      const served = tls.served?.cipher;
      return processor?.tls.ciphers
        ? `The gateway's tls.ciphers ("${processor.tls.ciphers}") shares no suite with the processor${served ? ` (it picks ${served})` : ''}: remove the override (Node's defaults are current) or add a suite the processor supports.`
        : fixFor(code);
    }
    default:
      return isErrorCode(code) ? fixFor(code) : 'See docs/runbook.md for this code.';
  }
}
