import { describe, expect, it } from 'vitest';
import { claimStateOf } from './claim';

const now = new Date('2024-01-05T02:00:00.000Z');
const claim = (mine: boolean, expiresAt: string) => ({
  registrationId: 1,
  reviewerAccountId: 9,
  reviewerName: '张审核',
  mine,
  expiresAt,
});

describe('who holds a registration', () => {
  it('when nobody claimed it, then it is free', () => {
    expect(claimStateOf(null, now)).toEqual({ kind: 'free' });
  });

  it('when the lease has run out, then it is free again', () => {
    expect(claimStateOf(claim(false, '2024-01-05T02:00:00.000Z'), now)).toEqual({ kind: 'free' });
    expect(claimStateOf(claim(true, '2024-01-05T01:59:59.000Z'), now)).toEqual({ kind: 'free' });
  });

  it('tells my claim from another reviewer’s, with the expiry', () => {
    expect(claimStateOf(claim(true, '2024-01-05T02:20:00.000Z'), now)).toEqual({
      kind: 'mine',
      expiresAt: '2024-01-05T02:20:00.000Z',
    });
    expect(claimStateOf(claim(false, '2024-01-05T02:20:00.000Z'), now)).toEqual({
      kind: 'other',
      reviewerName: '张审核',
      expiresAt: '2024-01-05T02:20:00.000Z',
    });
  });
});
