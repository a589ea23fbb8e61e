package io.omnivox.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A podcast's intro and outro music and how ffmpeg mixes them with the speech track: the intro plays alone, then goes
 * on under the first line ducked by 18 dB and fading out; the outro fades in after the last line and fades out at its
 * end. Each plays for at most {@link PodcastRunner#MUSIC_MAX_MS}. The mix ends in the studio's loudness
 * normalisation, so music and speech are normalised together.
 *
 * @param intro   the intro's WAV, or null
 * @param introMs how long the intro plays (0 without one)
 * @param outro   the outro's WAV, or null
 * @param outroMs how long the outro plays (0 without one)
 */
record Music(Path intro, long introMs, Path outro, long outroMs) {

    /** The music uploaded with the podcast in {@code dir}, if any. */
    static Music of(Path dir) {
        Path intro = dir.resolve(PodcastRunner.INTRO);
        Path outro = dir.resolve(PodcastRunner.OUTRO);
        return new Music(Files.isRegularFile(intro) ? intro : null, played(intro), Files.isRegularFile(outro) ? outro
                : null, played(outro));
    }

    private static long played(Path wav) {
        if (!Files.isRegularFile(wav)) {
            return 0;
        }
        int rate;
        try (java.io.InputStream in = Files.newInputStream(wav)) {
            rate = io.omnivox.audio.WavCodec.open(in).sampleRate();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Math.min(PodcastRunner.MUSIC_MAX_MS, SpeechTrack.frames(wav) * 1000 / rate);
    }

    /** When the first line starts: after the intro has played alone (at least half of it). */
    long leadMs() {
        return introMs - Math.min(PodcastRunner.INTRO_UNDER_MS, introMs / 2);
    }

    /** ffmpeg's inputs: the speech track, then the intro and the outro when there are. */
    List<String> inputs(Path speech) {
        List<String> inputs = new ArrayList<>(List.of("-i", speech.getFileName().toString()));
        for (Path music : new Path[] { intro, outro }) {
            if (music != null) {
                inputs.addAll(List.of("-i", music.getFileName().toString()));
            }
        }
        return inputs;
    }

    int inputCount() {
        return 1 + (intro == null ? 0 : 1) + (outro == null ? 0 : 1);
    }

    /** The filter graph from {@link #inputs} to {@code [episode]}; the outro starts at {@code outroAtMs}. */
    String graph(long outroAtMs) {
        List<String> steps = new ArrayList<>(List.of("[0:a]aresample=44100[speech]"));
        String mixed = "[speech]";
        int input = 1;
        if (intro != null) {
            double lead = seconds(leadMs());
            double end = seconds(introMs);
            // full level alone, down to −18 dB over 0.4 s as the first line starts, then fading out under it
            steps.add(String.format(Locale.ROOT, "[%d:a]atrim=end=%.3f,asetpts=PTS-STARTPTS,aresample=44100,"
                    + "volume='1-%.3f*min(1,max(0,(t-%.3f)/0.4))':eval=frame,afade=t=out:st=%.3f:d=%.3f[intro]",
                    input++, end, 1 - PodcastRunner.INTRO_DUCKED_GAIN, lead - 0.4, lead, end - lead));
            mixed += "[intro]";
        }
        if (outro != null) {
            double end = seconds(outroMs);
            double fadeOut = Math.min(seconds(PodcastRunner.FADE_OUT_MS), end / 2);
            steps.add(String.format(Locale.ROOT, "[%d:a]atrim=end=%.3f,asetpts=PTS-STARTPTS,aresample=44100,"
                    + "afade=t=in:d=%.3f,afade=t=out:st=%.3f:d=%.3f,adelay=%d:all=1[outro]", input, end,
                    Math.min(seconds(PodcastRunner.FADE_IN_MS), end / 2), end - fadeOut, fadeOut, outroAtMs));
            mixed += "[outro]";
        }
        if (inputCount() == 1) {
            steps.add(StudioFiles.loudnorm("speech", "episode"));
        } else {
            // normalize=0: amix would otherwise scale every input down by the number of inputs
            steps.add(mixed + "amix=inputs=" + inputCount() + ":duration=longest:dropout_transition=0:normalize=0"
                    + "[mix]");
            steps.add(StudioFiles.loudnorm("mix", "episode"));
        }
        return String.join(";", steps);
    }

    private static double seconds(long ms) {
        return ms / 1000.0;
    }
}
