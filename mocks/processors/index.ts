import { adyen } from './adyen.ts';
import { paypal } from './paypal.ts';
import { ProfileName, type ProcessorProfile } from './profile.ts';
import { stripe } from './stripe.ts';
import { visa } from './visa.ts';

/** Every processor profile by name. */
export const profiles: Record<ProfileName, ProcessorProfile> = { stripe, adyen, paypal, visa };

/** The profile called `name`; throws naming the valid names otherwise. */
export function getProfile(name: string): ProcessorProfile {
  const parsed = ProfileName.safeParse(name);
  if (!parsed.success) {
    throw new Error(`gatecheck: unknown processor profile "${name}"; valid profiles: ${ProfileName.options.join(', ')}`);
  }
  return profiles[parsed.data];
}

export { adyen, paypal, stripe, visa };
export { TEST_CARDS } from './cards.ts';
