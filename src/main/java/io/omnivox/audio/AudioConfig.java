package io.omnivox.audio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Audio decoding settings. */
@ConfigMapping(prefix = "omnivox.audio")
public interface AudioConfig {

    /** The ffmpeg command used for MP3, FLAC, OGG/Opus, WebM/Opus and M4A (Debian package {@code ffmpeg}). */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** Seconds ffmpeg may go without producing output before it is stopped. */
    @WithDefault("60")
    int ffmpegStallSeconds();
}
