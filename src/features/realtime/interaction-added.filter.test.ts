import { DomainError } from '../../core/errors/domain-error';
import { InteractionKind } from '../interactions/interaction.type';
import { interactionAddedPredicate } from './interaction-added.filter';
import type { InteractionAddedEvent } from './realtime-events';

const EVENT: InteractionAddedEvent = {
  interactionId: 'i-1',
  kind: 'COMPLAINT',
  occurredAt: '2026-11-23T10:00:00.000Z',
  sentiment: -0.4,
  personIds: ['p-1'],
  organizationIds: ['o-1'],
  topicIds: ['t-1'],
};

describe('interactionAddedPredicate', () => {
  it.each([
    [null, true],
    [{}, true],
    [{ personId: 'p-1' }, true],
    [{ personId: 'p-2' }, false],
    [{ organizationId: 'o-1' }, true],
    [{ organizationId: 'o-2' }, false],
    [{ topicId: 't-1' }, true],
    [{ topicId: 't-2' }, false],
    [{ kinds: [InteractionKind.POST, InteractionKind.COMPLAINT] }, true],
    [{ kinds: [InteractionKind.POST] }, false],
    [{ kinds: [] }, true],
    [{ sentimentBelow: -0.3 }, true],
    [{ sentimentBelow: -0.4 }, false],
    [{ sentimentAbove: -0.5 }, true],
    [{ sentimentAbove: -0.4 }, false],
    [{ sentimentAbove: -0.5, sentimentBelow: 0 }, true],
  ])('%j matches: %s', (filter, expected) => {
    expect(interactionAddedPredicate(filter)(EVENT)).toBe(expected);
  });

  it('never matches a sentiment condition when the interaction has no sentiment', () => {
    const unscored = { ...EVENT, sentiment: null };
    expect(interactionAddedPredicate({ sentimentBelow: 1 })(unscored)).toBe(false);
    expect(interactionAddedPredicate({ sentimentAbove: -1 })(unscored)).toBe(false);
  });

  it.each([
    [{ personId: 'a b' }, 'filter.personId'],
    [{ topicId: '-x' }, 'filter.topicId'],
    [{ sentimentBelow: 1.5 }, 'filter.sentimentBelow'],
    [{ sentimentAbove: Number.NaN }, 'filter.sentimentAbove'],
    [{ sentimentAbove: 0.2, sentimentBelow: 0.2 }, 'filter.sentimentAbove'],
  ])('refuses %j naming %s', (filter, field) => {
    let thrown: unknown;
    try {
      interactionAddedPredicate(filter);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).details).toEqual({ field });
  });
});
