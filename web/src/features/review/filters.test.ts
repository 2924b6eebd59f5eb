import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  isDay,
  parseQueueParams,
  QUEUE_SEARCH_KEY,
  readQueueSearch,
  rememberQueueSearch,
  toClaimNextBody,
  toQueueParams,
  toWireFilters,
  type QueueState,
} from './filters';

const both = ['confirmation', 'qualification'] as const;
const parse = (query: string, stages: readonly ('confirmation' | 'qualification')[] = both) =>
  parseQueueParams(new URLSearchParams(query), stages);

describe('the queue filters in the page address', () => {
  it('when every filter is set, then reading the address written from it gives the same state', () => {
    const state: QueueState = {
      stage: 'qualification',
      cycleId: 7,
      status: 'supplement_requested',
      specialtyCode: '303',
      level: 'intermediate',
      cityId: 12,
      testSiteId: 3,
      returning: false,
      autoFailed: true,
      submittedFrom: '2024-01-02',
      submittedTo: '2024-01-09',
    };
    const query = toQueueParams(state).toString();
    expect(parse(query)).toEqual(state);
    expect(query).toBe(
      'stage=qualification&cycle=7&status=supplement_requested&specialty=303&level=intermediate&city=12&site=3&returning=0&autoFailed=1&from=2024-01-02&to=2024-01-09',
    );
  });

  it('when a search is set (it may be a document number), then it is never written into the address nor read from it', () => {
    const state: QueueState = { stage: 'confirmation', cycleId: 7, q: '310104199001011234' };
    const query = toQueueParams(state).toString();
    expect(query).toBe('stage=confirmation&cycle=7');
    expect(query).not.toContain('310104');
    expect(parse('stage=confirmation&q=310104199001011234')).toEqual({
      stage: 'confirmation',
      cycleId: null,
    });
  });

  it('when the status is not one of the stage’s, then it is dropped', () => {
    expect(parse('stage=confirmation&status=qualified').status).toBeUndefined();
    expect(parse('stage=confirmation&status=supplement_requested').status).toBeUndefined();
    expect(parse('stage=confirmation&status=returned').status).toBe('returned');
    expect(parse('stage=qualification&status=returned').status).toBeUndefined();
    expect(parse('stage=qualification&status=disqualified').status).toBe('disqualified');
  });

  it('when nothing is set, then the address holds only the stage and the state only stage and cycle', () => {
    expect(parse('')).toEqual({ stage: 'confirmation', cycleId: null });
    expect(toQueueParams({ stage: 'confirmation', cycleId: null }).toString()).toBe(
      'stage=confirmation',
    );
  });

  it('when the address asks for a stage the account may not open, then its first stage is shown', () => {
    expect(parse('stage=confirmation', ['qualification']).stage).toBe('qualification');
    expect(parse('stage=nonsense', both).stage).toBe('confirmation');
    expect(parse('stage=qualification', both).stage).toBe('qualification');
  });

  it('when values are malformed, then they are dropped rather than sent to the server', () => {
    const state = parse(
      'cycle=0&status=draft&specialty=30&level=senior&city=-1&site=1.5&returning=maybe&autoFailed=0&from=2024-02-30&to=tomorrow&q=%20%20',
    );
    expect(state).toEqual({ stage: 'confirmation', cycleId: null });
    expect(parse('status=unknown').status).toBeUndefined();
    expect(parse('city=99999999999').cityId).toBeUndefined();
  });

  it('when the specialty code carries a letter suffix, then it is kept', () => {
    expect(parse('specialty=303A').specialtyCode).toBe('303A');
  });

  it('when the dates come in the wrong order, then they are swapped', () => {
    const state = parse('from=2024-03-10&to=2024-03-01');
    expect(state.submittedFrom).toBe('2024-03-01');
    expect(state.submittedTo).toBe('2024-03-10');
  });

  it('when returning is written as true/false, then it is read too', () => {
    expect(parse('returning=true').returning).toBe(true);
    expect(parse('returning=1').returning).toBe(true);
    expect(parse('returning=false').returning).toBe(false);
  });
});

describe('the filters as the API takes them', () => {
  it('when Beijing days are chosen, then they become instants from the first day to the day after the last', () => {
    const wire = toWireFilters(
      {
        stage: 'confirmation',
        cycleId: null,
        submittedFrom: '2024-01-31',
        submittedTo: '2024-02-29',
      },
      5,
    );
    expect(wire).toEqual({
      stage: 'confirmation',
      cycleId: 5,
      submittedFrom: '2024-01-31T00:00:00+08:00',
      submittedTo: '2024-03-01T00:00:00+08:00',
    });
    const yearEnd = toWireFilters(
      { stage: 'confirmation', cycleId: 1, submittedTo: '2023-12-31' },
      1,
    );
    expect(yearEnd.submittedTo).toBe('2024-01-01T00:00:00+08:00');
  });

  it('when flags are set, then they go as the strings the query schema takes', () => {
    const wire = toWireFilters(
      { stage: 'qualification', cycleId: 2, returning: false, autoFailed: true },
      2,
    );
    expect(wire.returning).toBe('false');
    expect(wire.autoFailed).toBe('true');
  });

  it('when the reviewer claims the next one, then the status and the search are left out', () => {
    const body = toClaimNextBody(
      {
        stage: 'confirmation',
        cycleId: 3,
        status: 'returned',
        q: '王',
        cityId: 4,
        specialtyCode: '303',
      },
      3,
    );
    expect(body).toEqual({ stage: 'confirmation', cycleId: 3, cityId: 4, specialtyCode: '303' });
  });

  it('counts the filters that narrow the list, not the stage or the cycle', () => {
    expect(activeFilterCount({ stage: 'confirmation', cycleId: 3 })).toBe(0);
    expect(
      activeFilterCount({
        stage: 'confirmation',
        cycleId: 3,
        cityId: 1,
        returning: false,
        submittedFrom: '2024-01-01',
        submittedTo: '2024-01-02',
      }),
    ).toBe(3);
  });
});

describe('the search text, kept for the tab instead of the address', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
  };

  it('when a search is remembered, then it is read back trimmed, and forgetting it clears it', () => {
    const storage = memoryStorage();
    expect(readQueueSearch(storage)).toBeUndefined();
    rememberQueueSearch('  王晓明 ', storage);
    expect(storage.items.get(QUEUE_SEARCH_KEY)).toBe('王晓明');
    expect(readQueueSearch(storage)).toBe('王晓明');
    rememberQueueSearch(undefined, storage);
    expect(storage.items.has(QUEUE_SEARCH_KEY)).toBe(false);
    rememberQueueSearch('   ', storage);
    expect(readQueueSearch(storage)).toBeUndefined();
  });

  it('when the search is longer than the API takes, then it is cut to 40 characters', () => {
    const storage = memoryStorage();
    rememberQueueSearch('a'.repeat(60), storage);
    expect(readQueueSearch(storage)).toHaveLength(40);
    storage.items.set(QUEUE_SEARCH_KEY, 'b'.repeat(60));
    expect(readQueueSearch(storage)).toHaveLength(40);
  });

  it('when the browser refuses the storage, then the search is simply not remembered', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => rememberQueueSearch('王', refusing)).not.toThrow();
    expect(readQueueSearch(refusing)).toBeUndefined();
    expect(readQueueSearch(null)).toBeUndefined();
  });
});

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2024-13-01')).toBe(false);
    expect(isDay('2024-1-01')).toBe(false);
  });
});
