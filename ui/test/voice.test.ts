import { describe, expect, it } from 'vitest';
import { transcriptBadges } from '../src/lib/voice';

describe('transcriptBadges', () => {
  it('shows a real emotion and events other than speech', () => {
    expect(transcriptBadges('SAD', ['Speech', 'Laughter'])).toEqual(['sad', 'laughter']);
  });

  it('hides neutral and unknown moods and plain speech', () => {
    expect(transcriptBadges('emo_unknown', ['Speech'])).toEqual([]);
    expect(transcriptBadges('NEUTRAL', [])).toEqual([]);
    expect(transcriptBadges(null, ['Cough'])).toEqual(['cough']);
  });
});
