package io.omnivox.ocr.got;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.model.tokenizer.TextTokenizer;
import io.omnivox.ocr.Box;
import io.omnivox.ocr.OcrMode;

class GotPromptTest {

    private static HuggingFaceTextTokenizer tokenizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        tokenizer = HuggingFaceTextTokenizer.load(
                Files.writeString(dir.resolve("tokenizer.json"), FixtureGot.TOKENIZER_JSON, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void should_read_the_special_ids_from_the_tokenizer() {
        GotPrompt prompt = new GotPrompt(tokenizer);
        assertThat(prompt.imagePadId()).isEqualTo(151859);
        assertThat(prompt.stopId()).isEqualTo(151645);
    }

    @Test
    void should_assemble_the_mpt_template_with_256_pads_per_image() {
        GotPrompt prompt = new GotPrompt(tokenizer);

        long[] ids = prompt.ids(3, "OCR: ");

        assertThat(Arrays.stream(ids).filter(id -> id == 151859).count()).isEqualTo(3 * 256);
        String text = tokenizer.decode(ids, false);
        // the word-level fixture knows none of the system prompt's 12 words nor its full stop
        String expected = "<|im_start|>system" + "<unk>".repeat(13) + "<|im_end|><|im_start|>user<img>" + "<imgpad>".repeat(768) + "</img>OCR :<|im_end|>"
                + "<|im_start|>assistant";
        assertThat(text.replace(" <", "<").replace("> ", ">")).isEqualTo(expected.replace(" <", "<").replace("> ", ">"));
        // exact order of the specials around the image and the instruction
        int start = indexOf(ids, 151857);
        assertThat(ids[start + 3 * 256 + 1]).isEqualTo(151858);
        assertThat(Arrays.copyOfRange(ids, start + 3 * 256 + 2, start + 3 * 256 + 5)).containsExactly(11, 12, 151645);
        assertThat(ids[0]).isEqualTo(151644);
        assertThat(ids[ids.length - 2]).isEqualTo(151644);
        assertThat(ids[ids.length - 1]).isEqualTo(15);
    }

    @Test
    void should_fall_back_to_the_documented_ids_and_encode_text_between_them() {
        StubTokenizer stub = new StubTokenizer();
        long[] ids = new GotPrompt(stub).ids(1, "OCR with format: ");

        assertThat(ids).hasSize(1 + 1 + 1 + 1 + 1 + 1 + 256 + 1 + 1 + 1 + 1 + 1);
        assertThat(ids[0]).isEqualTo(GotPrompt.IM_START);
        assertThat(stub.texts).containsExactly("system\n" + GotPrompt.SYSTEM, "user\n", "\nOCR with format: ",
                "assistant\n");
        assertThat(ids[5]).isEqualTo(GotPrompt.IMG_START);
        assertThat(ids[6]).isEqualTo(GotPrompt.IMG_PAD);
        assertThat(ids[262]).isEqualTo(GotPrompt.IMG_END);
        assertThat(ids[264]).isEqualTo(GotPrompt.IM_END);
    }

    @Test
    void should_write_instructions_per_mode() {
        assertThat(GotPrompt.Task.of(OcrMode.PLAIN, false).instruction()).isEqualTo("OCR: ");
        assertThat(GotPrompt.Task.of(OcrMode.FORMAT, false).instruction()).isEqualTo("OCR with format: ");
        assertThat(GotPrompt.Task.of(OcrMode.PLAIN, true).instruction()).isEqualTo("OCR upon the patch reference: ");
        assertThat(GotPrompt.Task.of(OcrMode.FORMAT, true).instruction())
                .isEqualTo("OCR with format upon the patch reference: ");
        assertThat(GotPrompt.instruction(GotPrompt.Task.PLAIN, new Box(100, 50, 200, 100), 1000, 500))
                .isEqualTo("[100, 100, 300, 300] OCR: ");
        assertThat(GotPrompt.instruction(GotPrompt.Task.FORMAT, io.omnivox.ocr.BoxColour.GREEN))
                .isEqualTo("[green] OCR with format: ");
        assertThat(GotPrompt.Task.MULTI_PAGE_FORMAT.instruction()).isEqualTo("OCR with format across multi pages: ");
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** Knows no special tokens; encodes every text as one id (7) and remembers it. */
    private static final class StubTokenizer implements TextTokenizer {
        final java.util.List<String> texts = new java.util.ArrayList<>();

        @Override
        public long[] encode(String text) {
            texts.add(text);
            return new long[] { 7 };
        }

        @Override
        public String decode(long[] ids, boolean skipSpecial) {
            return "";
        }

        @Override
        public OptionalLong tokenId(String token) {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
        }
    }
}
