package io.omnivox.audio;

import java.util.List;

/**
 * Formats {@link FfmpegCodec#encode} produces, with their HTTP media type and file extension. WAV and PCM are written
 * in Java; the rest by ffmpeg.
 */
public enum OutputFormat {
    /** 16-bit PCM WAV. */
    WAV("audio/wav", "wav", List.of()),
    /** Headerless 16-bit signed little-endian mono PCM at the clip's rate. */
    PCM("audio/pcm", "pcm", List.of()),
    /** MP3 (LAME), 64 kbit/s mono. Players trim the encoder delay using the LAME tag. */
    MP3("audio/mpeg", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3")),
    /** Opus in Ogg, 48 kbit/s: transparent for speech. libopus runs at 8, 12, 16, 24 or 48 kHz. */
    OPUS("audio/ogg", "opus", List.of("-c:a", "libopus", "-b:a", "48k", "-f", "ogg")),
    /**
     * AAC-LC in ADTS frames, 64 kbit/s. ADTS has no edit list, so decoders keep the encoder's 1024-sample priming
     * silence at the start.
     */
    AAC("audio/aac", "aac", List.of("-c:a", "aac", "-b:a", "64k", "-f", "adts")),
    /** Lossless FLAC (16-bit). */
    FLAC("audio/flac", "flac", List.of("-c:a", "flac", "-sample_fmt", "s16", "-f", "flac"));

    private final String mediaType;
    private final String extension;
    private final List<String> ffmpegArguments;

    OutputFormat(String mediaType, String extension, List<String> ffmpegArguments) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.ffmpegArguments = ffmpegArguments;
    }

    /** The Content-Type for a response carrying this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The output options for ffmpeg; empty for formats written in Java. */
    List<String> ffmpegArguments() {
        return ffmpegArguments;
    }
}
