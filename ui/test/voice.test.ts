import { describe, expect, it } from 'vitest';
import { NO_PODCAST, podcastPlayback, sessionSettings, transcriptBadges } from '../src/lib/voice';

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

describe('sessionSettings', () => {
  it('names the podcast for the interactive podcast and leaves the hosts their voices', () => {
    expect(sessionSettings('interactive-podcast', 'de', 'af_heart', 'job-1')).toEqual({ pipeline: 'interactive-podcast', podcast_id: 'job-1' });
  });

  it('keeps the voice for chat and the target language for translation', () => {
    expect(sessionSettings('voice-chat', 'de', 'af_heart')).toEqual({ pipeline: 'voice-chat', voice: 'af_heart' });
    expect(sessionSettings('speech-translation', 'de', 'af_heart')).toEqual({ pipeline: 'speech-translation', target_language: 'de' });
  });
});

describe('podcastPlayback', () => {
  const line = (n: number, responseId = 'resp_1') => ({
    type: 'podcast.line', response_id: responseId, line: n, section: 0, section_title: 'The tides', speaker: 'Ada', text: `Line ${n}`,
  });

  it('shows the line that starts playing', () => {
    const state = podcastPlayback(NO_PODCAST, line(0));
    expect(state.current).toEqual({ responseId: 'resp_1', line: 0, section: 0, sectionTitle: 'The tides', speaker: 'Ada', text: 'Line 0' });
    expect(podcastPlayback(state, line(1)).current?.line).toBe(1);
  });

  it('ignores a line of a cancelled response and events of other kinds', () => {
    const state = podcastPlayback(NO_PODCAST, line(3));
    expect(podcastPlayback(state, line(4, 'resp_1'), new Set(['resp_1']))).toBe(state);
    expect(podcastPlayback(state, { type: 'response.done' })).toBe(state);
  });

  it('marks the end and starts again at the next line', () => {
    const ended = podcastPlayback(podcastPlayback(NO_PODCAST, line(5)), { type: 'podcast.ended', podcast_id: 'job-1' });
    expect(ended.ended).toBe(true);
    expect(ended.current?.line).toBe(5);
    expect(podcastPlayback(ended, line(0, 'resp_9')).ended).toBe(false);
  });
});
