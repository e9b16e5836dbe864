export { deliberateWait } from '../../mocks/scenarios/waits.ts';
