package io.omnivox.audio;

import static io.omnivox.audio.AudioTestSupport.ascii;
import static io.omnivox.audio.AudioTestSupport.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AudioContainerTest {

    @Test
    void should_recognise_each_container_by_its_magic_bytes() {
        assertThat(probe(concat(ascii("RIFF"), new byte[4], ascii("WAVE")))).isEqualTo(AudioContainer.WAV);
        assertThat(probe(ascii("ID3\u0004\0"))).isEqualTo(AudioContainer.MP3);
        assertThat(probe(ascii("fLaC\0\0\0\u0010"))).isEqualTo(AudioContainer.FLAC);
        assertThat(probe(ascii("OggS\0\u0002"))).isEqualTo(AudioContainer.OGG);
        assertThat(probe(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F})).isEqualTo(AudioContainer.WEBM);
        assertThat(probe(concat(new byte[] {0, 0, 0, 0x20}, ascii("ftypM4A ")))).isEqualTo(AudioContainer.MP4);
        assertThat(probe(concat(ascii("FORM"), new byte[4], ascii("AIFF")))).isEqualTo(AudioContainer.AIFF);
        assertThat(probe(ascii("caff\0\u0001"))).isEqualTo(AudioContainer.CAF);
        assertThat(probe(ascii("#!AMR\n"))).isEqualTo(AudioContainer.AMR);
        assertThat(probe(ascii(".snd\0\0\0\u0018"))).isEqualTo(AudioContainer.AU);
        assertThat(AudioContainer.MP4.needsSeekableInput()).isTrue();
        assertThat(AudioContainer.WEBM.needsSeekableInput()).isFalse();
    }

    @Test
    void should_recognise_bare_mpeg_and_adts_frames_only_when_a_second_frame_follows() {
        // given: MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames; ADTS AAC-LC 48 kHz, 300-byte frames
        byte[] mpegHeader = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        byte[] adtsHeader = {(byte) 0xFF, (byte) 0xF1, 0x4C, (byte) 0x80, 0x25, (byte) 0x9F, (byte) 0xFC};

        // then
        assertThat(AudioContainer.mpegFrameLength(mpegHeader, 0, 4)).isEqualTo(417);
        assertThat(AudioContainer.adtsFrameLength(adtsHeader, 0, 7)).isEqualTo(300);
        assertThat(probe(frames(mpegHeader, 417, true))).isEqualTo(AudioContainer.MP3);
        assertThat(probe(frames(mpegHeader, 417, false))).isEqualTo(AudioContainer.UNKNOWN);
        assertThat(probe(frames(adtsHeader, 300, true))).isEqualTo(AudioContainer.AAC);
        assertThat(probe(frames(adtsHeader, 300, false))).isEqualTo(AudioContainer.UNKNOWN);
    }

    @Test
    void should_not_take_raw_pcm_speech_for_audio_it_can_name() throws Exception {
        Path raw = AudioTestSupport.POCKETSPHINX.resolve("goforward.raw");
        assumeTrue(Files.exists(raw), "pocketsphinx-testdata is not installed (Debian package; .ci/run installs it)");
        byte[] head;
        try (InputStream in = Files.newInputStream(raw)) {
            head = in.readNBytes(AudioContainer.PROBE_BYTES);
        }
        byte[] silence = new byte[4096];
        java.util.Arrays.fill(silence, (byte) 0xFF); // 16-bit -1s: a frame sync pattern, but no valid header chain

        assertThat(probe(head)).isEqualTo(AudioContainer.UNKNOWN);
        assertThat(probe(silence)).isEqualTo(AudioContainer.UNKNOWN);
    }

    private static AudioContainer probe(byte[] head) {
        return AudioContainer.probe(head);
    }

    private static byte[] frames(byte[] header, int frameLength, boolean secondFrame) {
        byte[] b = new byte[frameLength * 2 + 8];
        System.arraycopy(header, 0, b, 0, header.length);
        if (secondFrame) {
            System.arraycopy(header, 0, b, frameLength, header.length);
        }
        return b;
    }
}
