import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('signal thresholds in the configuration', () => {
  it('when no SIGNAL_ key is set, then the documented defaults hold', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).signals).to.deep.equal({
      detectIntervalMinutes: 60,
      counsellorMaxHoursPerDay: 8,
      dormantDays: 60,
      volumeFactor: 3,
      volumeMinHours: 20,
      wrongTriesPerHour: 20,
      courseFactor: 5,
      courseMinClaims: 10,
      evidenceMinCitizens: 2,
    });
  });

  it('when a threshold is set, then it is read; when it makes no sense, then the service refuses to start naming the key', () => {
    expect(loadConfig({ NODE_ENV: 'test', SIGNAL_COUNSELLOR_MAX_HOURS_PER_DAY: '7.5', SIGNAL_DORMANT_DAYS: '90' }).signals).to.include({
      counsellorMaxHoursPerDay: 7.5,
      dormantDays: 90,
    });
    for (const [key, value] of [
      ['SIGNAL_COUNSELLOR_MAX_HOURS_PER_DAY', '25'],
      ['SIGNAL_DORMANT_DAYS', 'soon'],
      ['SIGNAL_VOLUME_FACTOR', '1'],
      ['SIGNAL_WRONG_TRIES_PER_HOUR', '1'],
      ['SIGNAL_EVIDENCE_MIN_CITIZENS', '1'],
    ] as const) {
      expect(() => loadConfig({ NODE_ENV: 'test', [key]: value }), key)
        .to.throw(ConfigError)
        .with.property('message')
        .that.includes(key);
    }
  });
});
