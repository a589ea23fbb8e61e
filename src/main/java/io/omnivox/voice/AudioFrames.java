package io.omnivox.voice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reply audio as binary frames ({@code output_audio_transport: "binary"}): a 16-byte header — ASCII {@code OVXA}, the
 * reply's number (32-bit big-endian), the chunk's start in milliseconds (64-bit big-endian) — then the audio bytes.
 * The header lets a client drop the audio of a cancelled reply without parsing JSON.
 */
public final class AudioFrames {

    public static final int HEADER_BYTES = 16;
    private static final byte[] MAGIC = "OVXA".getBytes(StandardCharsets.US_ASCII);

    private AudioFrames() {
    }

    public static byte[] frame(int reply, long startMs, byte[] audio) {
        return ByteBuffer.allocate(HEADER_BYTES + audio.length).put(MAGIC).putInt(reply).putLong(startMs).put(audio)
                .array();
    }
}
