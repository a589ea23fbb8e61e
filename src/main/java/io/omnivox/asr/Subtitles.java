package io.omnivox.asr;

import java.util.Locale;

/** SubRip (SRT) and WebVTT renderings of a transcription, one cue per speech segment. */
public final class Subtitles {

    private Subtitles() {
    }

    public static String srt(TranscriptionResult result) {
        StringBuilder out = new StringBuilder();
        int index = 1;
        for (TranscriptionResult.Segment segment : result.segments()) {
            if (segment.transcript().noSpeech()) {
                continue;
            }
            out.append(index++).append('\n')
                    .append(time(segment.start(), ',')).append(" --> ").append(time(segment.end(), ',')).append('\n')
                    .append(segment.transcript().text()).append("\n\n");
        }
        return out.toString();
    }

    public static String vtt(TranscriptionResult result) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (TranscriptionResult.Segment segment : result.segments()) {
            if (segment.transcript().noSpeech()) {
                continue;
            }
            out.append(time(segment.start(), '.')).append(" --> ").append(time(segment.end(), '.')).append('\n')
                    .append(segment.transcript().text()).append("\n\n");
        }
        return out.toString();
    }

    /** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (VTT). */
    static String time(double seconds, char separator) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, separator, millis % 1000);
    }
}
