import { ConsentPolicy, consentAllows } from './consent-policy';
import { ConsentPurpose } from './consent-purpose';

describe('ConsentPolicy', () => {
  it('requires consent only for the configured purposes', () => {
    const policy = new ConsentPolicy([ConsentPurpose.PROFILING]);
    expect(policy.param(ConsentPurpose.PROFILING)).toEqual({
      purpose: 'PROFILING',
      required: true,
    });
    expect(policy.param(ConsentPurpose.MARKETING)).toEqual({
      purpose: 'MARKETING',
      required: false,
    });
  });
});

describe('consentAllows', () => {
  it('refuses anything but identifiers, so that it can never carry user input into Cypher', () => {
    expect(() => consentAllows('p) DETACH DELETE (p', 'consent')).toThrow(
      'Not a Cypher identifier',
    );
    expect(() => consentAllows('p', 'consent.required')).toThrow('Not a Cypher identifier');
    expect(consentAllows('target', 'prospecting')).toContain('MATCH (target)-[:GAVE]->');
  });
});
