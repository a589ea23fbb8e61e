package io.omnivox.voice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import io.omnivox.audio.Resampler;

/**
 * Encodes one reply's speech as Opus ({@code output_audio_format: "opus"}): 20 ms packets of mono speech at the Opus
 * rate nearest above the speech engine's (engines at 22 050 Hz are resampled to 24 kHz, as Opus has no 22 050 Hz).
 * A reply gets its own encoder, so a client starts a fresh decoder at each {@code response.created}. Not thread-safe:
 * used from the reply's speaking thread.
 */
final class OpusOutput {

    static final int FRAME_MS = 20;
    private static final int[] OPUS_RATES = {8_000, 12_000, 16_000, 24_000, 48_000};
    /** Speech at 24 kHz sounds clean at 32 kbit/s (Opus's own guidance for full-band speech is 28-40). */
    private static final int BITRATE = 32_000;
    /** An Opus frame of 20 ms is at most 1 275 bytes; room for that. */
    private static final int MAX_PACKET = 1_500;

    private final Resampler resampler;
    private final OpusEncoder encoder;
    private final short[] frame;
    private final byte[] packet = new byte[MAX_PACKET];
    private int filled;

    OpusOutput(int speechRate) {
        int rate = rateFor(speechRate);
        this.resampler = rate == speechRate ? null : new Resampler(speechRate, rate);
        this.frame = new short[rate * FRAME_MS / 1000];
        try {
            encoder = new OpusEncoder(rate, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder unavailable: " + e.getMessage(), e);
        }
        encoder.setBitrate(BITRATE);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    }

    /** The Opus rate a speech engine's audio is encoded at: its own when Opus has it, else the next one up. */
    static int rateFor(int speechRate) {
        return Arrays.stream(OPUS_RATES).filter(r -> r >= speechRate).findFirst().orElse(48_000);
    }

    /** The packets the samples complete (a part frame waits for the next samples or {@link #finish()}). */
    List<byte[]> encode(float[] speech) {
        return frames(resampler == null ? speech : resampler.process(speech));
    }

    private List<byte[]> frames(float[] samples) {
        List<byte[]> packets = new ArrayList<>();
        for (float sample : samples) {
            frame[filled++] = (short) Math.round(Math.max(-1f, Math.min(1f, sample)) * 32767f);
            if (filled == frame.length) {
                packets.add(encodeFrame());
            }
        }
        return packets;
    }

    /** The remaining audio, its last frame padded with silence. */
    List<byte[]> finish() {
        List<byte[]> packets = resampler == null ? new ArrayList<>() : frames(resampler.flush());
        if (filled > 0) {
            Arrays.fill(frame, filled, frame.length, (short) 0);
            filled = frame.length;
            packets.add(encodeFrame());
        }
        return packets;
    }

    private byte[] encodeFrame() {
        filled = 0;
        try {
            int length = encoder.encode(frame, 0, frame.length, packet, 0, MAX_PACKET);
            return Arrays.copyOf(packet, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
        }
    }
}
