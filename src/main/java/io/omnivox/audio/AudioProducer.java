package io.omnivox.audio;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The application's {@link AudioDecoder}, with ffmpeg as configured. */
@ApplicationScoped
public class AudioProducer {

    @Produces
    @ApplicationScoped
    AudioDecoder decoder(AudioConfig config) {
        return new AudioDecoder(new FfmpegCodec(config.ffmpeg(), Duration.ofSeconds(config.ffmpegStallSeconds())));
    }
}
