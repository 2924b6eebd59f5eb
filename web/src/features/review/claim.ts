import type { ReviewClaim } from '@hqe/core';

/** Who holds a registration now: nobody (or a lapsed lease), the caller, or another reviewer. */
export type ClaimState =
  | { kind: 'free' }
  | { kind: 'mine'; expiresAt: string }
  | { kind: 'other'; reviewerName: string; expiresAt: string };

/** The claim as it stands at `now`: a lease past its expiry no longer holds anything. */
export function claimStateOf(claim: ReviewClaim | null, now: Date = new Date()): ClaimState {
  if (!claim || new Date(claim.expiresAt).getTime() <= now.getTime()) return { kind: 'free' };
  if (claim.mine) return { kind: 'mine', expiresAt: claim.expiresAt };
  return { kind: 'other', reviewerName: claim.reviewerName, expiresAt: claim.expiresAt };
}
