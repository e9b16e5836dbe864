import { createLogger } from '../../gateway/logger.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * A gateway that logs every outgoing request's headers, masking each configured credential value
 * verbatim (its own redaction, not the gateway's): the Authorization header goes out as
 * `Basic base64(user:pass)`, which matches no configured value, so the Visa credentials sit in the
 * logs encoded, never verbatim.
 */
export const basicCredentialsLogged: Mutant = {
  name: 'basic-credentials-logged',
  models: 'A gateway that logs each processor request with its headers for debugging, skipping the redactor for the headers field: the Visa Basic credentials land in the logs as base64, never verbatim.',
  killedBy: ['mtls.good-client-cert', 'mtls.encrypted-key-ok'],
  parts: () => ({
    logger: (options) => createLogger({
      ...options,
      redactor: {
        ...options.redactor,
        value: <T>(value: T): T => {
          if (!value || typeof value !== 'object' || !('headers' in value)) return options.redactor.value(value);
          const { headers, ...rest } = value as Record<string, unknown>;
          return { ...options.redactor.value(rest), headers } as T;
        },
      },
    }),
    processorClient: (config, deps) => {
      // Its own masking: every configured credential value, verbatim. A derived Basic header is not one of them.
      const known = Object.values(config.credentials as Record<string, string>).filter((v) => v.length >= 4);
      const mask = (text: string) => known.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text);
      return processorClient(config, {
        ...deps,
        send: (request) => {
          const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, mask(String(v))]));
          deps.logger.info('processor request', { processor: config.name, path: request.path, headers });
          return deps.send(request);
        },
      });
    },
  }),
};
