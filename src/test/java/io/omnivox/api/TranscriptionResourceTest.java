package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /v1/audio/transcriptions} over HTTP with real recorded speech (Debian's pocketsphinx-testdata). With no
 * SenseVoice weights in the test profile the PocketSphinx fallback answers, and says so.
 */
@QuarkusTest
class TranscriptionResourceTest {

    private static final Path SPEECH = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav");
    private static final String PATH = "/v1/audio/transcriptions";

    @BeforeEach
    void requireSpeechAndEngine() {
        assumeTrue(Files.isRegularFile(SPEECH) && Files.isExecutable(Path.of("/usr/bin/pocketsphinx_continuous")),
                "needs Debian's pocketsphinx, pocketsphinx-en-us and pocketsphinx-testdata (installed by .ci/run)");
    }

    private static Response post(byte[] audio, String filename, String format) {
        var request = given().multiPart("file", filename, audio, "application/octet-stream").multiPart("model", "whisper-1");
        if (format != null) {
            request = request.multiPart("response_format", format);
        }
        return request.when().post(PATH);
    }

    private static byte[] speech() throws Exception {
        return Files.readAllBytes(SPEECH);
    }

    @Test
    void should_answer_json_with_the_text_by_default() throws Exception {
        post(speech(), "speech.wav", null).then().statusCode(200)
                .header("X-Omnivox-Engine", "pocketsphinx")
                .body("text", containsString("young man"));
    }

    @Test
    void should_answer_plain_text_when_asked() throws Exception {
        String body = post(speech(), "speech.wav", "text").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();

        assertThat(body).contains("young man").endsWith("\n");
    }

    @Test
    void should_answer_srt_and_vtt_cues_with_times() throws Exception {
        String srt = post(speech(), "speech.wav", "srt").then().statusCode(200).extract().asString();
        String vtt = post(speech(), "speech.wav", "vtt").then().statusCode(200).extract().asString();

        assertThat(srt).startsWith("1\n00:00:0").contains(" --> ").contains("young man");
        assertThat(vtt).startsWith("WEBVTT\n\n00:00:0").contains(" --> ");
    }

    @Test
    void should_answer_verbose_json_with_segments_words_language_and_engine() throws Exception {
        given().multiPart("file", "speech.wav", speech(), "audio/wav")
                .multiPart("response_format", "verbose_json")
                .multiPart("timestamp_granularities[]", "word")
                .multiPart("prompt", "Jane Austen")
                .when().post(PATH)
                .then().statusCode(200)
                .body("task", equalTo("transcribe"))
                .body("language", equalTo("en"))
                .body("engine", equalTo("pocketsphinx"))
                .body("no_speech", equalTo(false))
                .body("segments", not(hasSize(0)))
                .body("segments[0].start", org.hamcrest.Matchers.greaterThanOrEqualTo(0f))
                .body("words.word", org.hamcrest.Matchers.hasItem("man"))
                .body("notes[0]", containsString("prompt is ignored"));
    }

    @Test
    void should_flag_no_speech_when_the_audio_is_silent() {
        post(wav(new short[16_000 * 3], 16_000), "silence.wav", "verbose_json").then().statusCode(200)
                .body("text", equalTo(""))
                .body("no_speech", equalTo(true));
    }

    @Test
    void should_answer_400_when_the_upload_is_empty() {
        problem(post(new byte[0], "empty.wav", null), 400, "audio-empty");
    }

    @Test
    void should_answer_415_when_the_bytes_are_not_audio() {
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        problem(post(junk, "junk.bin", null), 415, "audio-not-audio");
    }

    @Test
    void should_answer_400_when_the_wav_header_is_truncated() {
        byte[] header = java.util.Arrays.copyOf(wav(new short[100], 16_000), 20);
        problem(post(header, "cut.wav", null), 400, "audio-truncated");
    }

    @Test
    void should_answer_413_without_allocating_when_a_wav_claims_4_gb() {
        byte[] wav = wav(new short[16_000], 16_000);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xF0000000);
        problem(post(wav, "huge.wav", null), 413, "audio-too-large");
    }

    @Test
    void should_answer_415_when_the_codec_is_unsupported() {
        byte[] wav = wav(new short[1600], 16_000);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 0x0002); // MS ADPCM
        problem(post(wav, "adpcm.wav", null), 415, "audio-unsupported-codec");
    }

    @Test
    void should_answer_400_when_the_response_format_is_unknown() throws Exception {
        post(speech(), "speech.wav", "docx").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("response_format"));
    }

    @Test
    void should_answer_400_when_the_language_is_unknown() throws Exception {
        given().multiPart("file", "speech.wav", speech(), "audio/wav").multiPart("language", "tlh")
                .when().post(PATH).then().statusCode(400)
                .body("detail", containsString("tlh"));
    }

    @Test
    void should_answer_400_when_the_file_field_is_missing() {
        given().multiPart("model", "whisper-1").when().post(PATH).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void should_keep_serving_after_bad_input() throws Exception {
        post(new byte[0], "empty.wav", null).then().statusCode(400);

        post(speech(), "speech.wav", null).then().statusCode(200);
    }

    private static void problem(Response response, int status, String slug) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", containsString(slug))
                .body(not(containsString("Exception")));
    }

    /** A 16-bit mono PCM WAV. */
    static byte[] wav(short[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
