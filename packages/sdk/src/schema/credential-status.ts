import * as z from 'zod/mini';

/**
 * The status a host sees, derived from what the issuer recorded, the expiry date and the rule set.
 * In a module of its own so that rule sets and credentials can both name it.
 */
export const CredentialStatus = z.enum(['active', 'expiring', 'expired', 'suspended', 'revoked', 'pending']);
export type CredentialStatus = z.infer<typeof CredentialStatus>;
