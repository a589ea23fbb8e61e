package io.omnivox.studio;

import java.util.List;
import java.util.Locale;

/** A podcast's transcript as subtitles: SubRip (SRT) and WebVTT, a cue per spoken line with its speaker. */
final class Subtitles {

    private Subtitles() {
    }

    static String srt(List<PodcastRunner.Timed> lines) {
        StringBuilder srt = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            PodcastRunner.Timed line = lines.get(i);
            srt.append(i + 1).append('\n').append(time(line.startMs(), ',')).append(" --> ")
                    .append(time(line.endMs(), ',')).append('\n').append(line.speaker()).append(": ")
                    .append(line.text()).append("\n\n");
        }
        return srt.toString();
    }

    static String vtt(List<PodcastRunner.Timed> lines) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (PodcastRunner.Timed line : lines) {
            vtt.append(time(line.startMs(), '.')).append(" --> ").append(time(line.endMs(), '.')).append('\n')
                    .append("<v ").append(line.speaker()).append('>').append(line.text()).append("\n\n");
        }
        return vtt.toString();
    }

    /** {@code hh:mm:ss,mmm} (SRT) or {@code hh:mm:ss.mmm} (WebVTT). */
    static String time(long ms, char separator) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                separator, ms % 1000);
    }

    /** {@code m:ss} or {@code h:mm:ss}, for chapter lists. */
    static String clock(long ms) {
        long seconds = ms / 1000;
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
