// gatecheck/msw: msw 2 handlers that answer as gatecheck's processor profiles. See README.md,
// "In-process mocks (msw / nock)". The sources are TypeScript: ./register.js loads them.
import './register.js';

const m = await import('../mocks/inprocess/msw.ts');

export const processorHandlers = m.processorHandlers;
export const networkGuard = m.networkGuard;
export const NetworkGuardError = m.NetworkGuardError;
export const InprocessBehaviour = m.InprocessBehaviour;
export const BehaviourStep = m.BehaviourStep;
export const NetworkErrorCode = m.NetworkErrorCode;
export const TEST_CARDS = m.TEST_CARDS;
export const profiles = m.profiles;
export const scenarioSetup = m.scenarioSetup;
