import type { GatewayParts } from '../../gateway/index.ts';

/**
 * A deliberately broken reference gateway: one realistic misconfiguration or bug, built only by
 * replacing construction seams of `startGateway` (no switch inside gateway/). The contract suites
 * must catch every one of them: `npm run mutation`.
 */
export type Mutant = {
  /** kebab-case; selected with GATECHECK_GATEWAY=mutant:<name>. */
  name: string;
  /** The real-world mistake it models, in one sentence. */
  models: string;
  /**
   * The scenario ids meant to kill it: `npm run mutation` runs only these (fast), `--full` the whole
   * matrix. Absent: the whole matrix.
   */
  killedBy?: string[];
  /** Builds the replaced seams (a fresh set per gateway driver). */
  parts(): Partial<GatewayParts>;
};
