import { expect, test } from '@playwright/test';
import { gatewayCodes, isRetryable, statusOf } from '../../../gateway/index.ts';
import { codeInfo, errorCodes } from '../../../mocks/scenarios/codes.ts';

test('gateway/errors.ts keeps every taxonomy code with the same status and retryability', () => {
  for (const code of errorCodes) {
    expect(gatewayCodes, code).toContain(code);
    expect({ code, status: statusOf(code), retryable: isRetryable(code) }).toEqual({ code, status: codeInfo(code).status, retryable: codeInfo(code).retryable });
  }
  // Its only codes of its own: a caller's malformed request, and a fault inside the gateway.
  expect(gatewayCodes.filter((c) => !(errorCodes as string[]).includes(c))).toEqual(['INVALID_REQUEST', 'INTERNAL']);
});
