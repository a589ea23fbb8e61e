package io.omnivox.audio.vad;

import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Voice activity detection settings; the defaults are {@link VadOptions#DEFAULTS}. See {@link VadOptions#from}. */
@ConfigMapping(prefix = "omnivox.vad")
public interface VadConfig {

    /** Speech probability (0-1] at which speech starts. */
    @WithDefault("0.5")
    double threshold();

    /** Speech probability below which speech in progress counts as silence; unset: {@code threshold} − 0.15. */
    OptionalDouble negThreshold();

    /** Speech of this many milliseconds or less is dropped. */
    @WithDefault("250")
    int minSpeechMs();

    /** Milliseconds of silence that end speech; raise for end-of-turn detection. */
    @WithDefault("100")
    int minSilenceMs();

    /** Milliseconds of padding before and after each segment. */
    @WithDefault("30")
    int speechPadMs();

    /** Longest segment in seconds (padding included); longer speech is split. */
    @WithDefault("30")
    double maxSpeechSeconds();
}
