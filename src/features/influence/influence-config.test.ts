import { ConfigError, parseConfig } from '../../core/config/config';
import { InfluenceEngineKind } from './influence-engine';
import { engineFromConfig } from './influence-recompute.service';

describe('influence configuration', () => {
  it('defaults to GDS where available and no schedule', () => {
    const { influence } = parseConfig({}, '/srv/app');
    expect(influence).toEqual({ engine: 'auto', recomputeIntervalMinutes: null });
    expect(engineFromConfig(influence.engine)).toBeNull();
  });

  it('reads the engine and the interval', () => {
    const { influence } = parseConfig(
      { INFLUENCE_ENGINE: 'in-process', INFLUENCE_RECOMPUTE_INTERVAL_MINUTES: '60' },
      '/srv/app',
    );
    expect(influence).toEqual({ engine: 'in-process', recomputeIntervalMinutes: 60 });
    expect(engineFromConfig('in-process')).toBe(InfluenceEngineKind.IN_PROCESS);
    expect(engineFromConfig('gds')).toBe(InfluenceEngineKind.GDS);
  });

  it('names bad values', () => {
    let problems: readonly string[] = [];
    try {
      parseConfig(
        { INFLUENCE_ENGINE: 'spark', INFLUENCE_RECOMPUTE_INTERVAL_MINUTES: '-5' },
        '/srv/app',
      );
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.join('\n')).toMatch(
      /INFLUENCE_ENGINE[\s\S]*INFLUENCE_RECOMPUTE_INTERVAL_MINUTES/,
    );
  });
});
