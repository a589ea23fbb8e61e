package io.omnivox.ocr.got;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.ocr.Box;
import io.omnivox.ocr.OcrMode;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.OcrResult;

/**
 * End to end over {@link FixtureGot}: the decoder answers with the count of tiles whose embeddings it finds spliced
 * into the prompt, bright tiles counting twice ({@code w1} for one black image, {@code w2} for one white image,
 * {@code w4} for a black 3×1 grid + thumbnail, {@code w5} for a black 2×2 grid + thumbnail).
 */
class GotOcrRecognizerTest {

    private static OnnxSessionFactory factory;
    private static GotOcrRecognizer recognizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("encoder.onnx"), FixtureGot.encoder());
        Files.write(dir.resolve("embed_tokens.onnx"), FixtureGot.embedTokens());
        Files.write(dir.resolve("decoder.onnx"), FixtureGot.decoder());
        Files.writeString(dir.resolve("tokenizer.json"), FixtureGot.TOKENIZER_JSON, StandardCharsets.UTF_8);
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        recognizer = GotOcrRecognizer.open(dir, factory, GotOcrRecognizer.Settings.DEFAULT);
    }

    @AfterAll
    static void close() {
        recognizer.close();
        factory.close();
    }

    @Test
    void should_read_a_single_image_through_the_spliced_embeddings() {
        OcrResult result = recognizer.recognize(OcrRequest.plain(image(1000, 1000)));

        assertThat(result.text()).isEqualTo("w1");
        assertThat(recognizer.recognize(OcrRequest.plain(white(640, 480))).text()).isEqualTo("w2");
        assertThat(result.engine()).isEqualTo("got-ocr2-onnx");
        assertThat(recognizer.engine()).isEqualTo("got-ocr2-onnx");
    }

    @Test
    void should_feed_every_tile_and_the_thumbnail_in_multi_crop_mode() {
        assertThat(recognizer.recognizeMultiCrop(OcrRequest.plain(image(3000, 1000))).text()).isEqualTo("w4");
        assertThat(recognizer.recognizeMultiCrop(
                new OcrRequest(image(2000, 2000), OcrMode.FORMAT, Optional.empty(), "auto")).text()).isEqualTo("w5");
        assertThat(recognizer.recognizeMultiCrop(OcrRequest.plain(image(1000, 1000))).text()).isEqualTo("w1");
    }

    @Test
    void should_read_a_region_as_one_image_with_the_box_instruction() {
        OcrRequest request = new OcrRequest(image(2000, 1000), OcrMode.PLAIN, Optional.of(new Box(0, 0, 1000, 500)),
                "auto");

        assertThat(recognizer.recognize(request).text()).isEqualTo("w1");
    }

    @Test
    void should_tile_a_large_image_by_itself_but_not_a_region_or_colour_request() {
        assertThat(recognizer.recognize(OcrRequest.plain(image(3000, 1000))).text()).isEqualTo("w4");
        assertThat(recognizer.recognize(OcrRequest.plain(image(1500, 1000))).text()).isEqualTo("w1");
        assertThat(recognizer.recognize(new OcrRequest(image(3000, 1000), OcrMode.PLAIN, Optional.empty(), "auto",
                Optional.of(io.omnivox.ocr.BoxColour.RED))).text()).isEqualTo("w1");
    }

    @Test
    void should_read_all_pages_in_one_prompt_in_multi_page_mode() {
        // two bright pages (2 each) and one dark (1) spliced into a single prompt
        assertThat(recognizer.recognizeMultiPage(List.of(white(1000, 1000), image(800, 600), white(500, 700)))
                .text()).isEqualTo("w5");
        assertThatThrownBy(() -> recognizer.recognizeMultiPage(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_join_pages_in_order_with_page_markers() {
        OcrResult result = recognizer.recognizePages(List.of(white(1000, 1000), image(800, 600), white(500, 700)));

        assertThat(result.text())
                .isEqualTo("<!-- page 1 -->\n\nw2\n\n<!-- page 2 -->\n\nw1\n\n<!-- page 3 -->\n\nw2");
    }

    @Test
    void should_splice_image_rows_at_the_pad_positions_in_order() {
        float[][] embeds = { { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 } };
        long[] ids = { 1, 9, 9, 9, 2 };
        float[][] first = { { 1, 1 }, { 2, 2 } };
        float[][] second = { { 3, 3 } };

        GotOcrRecognizer.splice(embeds, ids, 9, List.<float[][]>of(first, second));

        assertThat(embeds).isDeepEqualTo(new float[][] { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 3 }, { 0, 0 } });
        assertThatThrownBy(() -> GotOcrRecognizer.splice(embeds, ids, 9, List.<float[][]>of(first)))
                .isInstanceOf(ModelException.class).hasMessageContaining("3 image positions");
    }

    @Test
    void should_encode_a_tile_into_256_rows_carrying_the_image() {
        float[][] rows = recognizer.encode(image(1024, 1024));

        assertThat(rows.length).isEqualTo(256);
        assertThat(rows[0][0]).isEqualTo(1f); // dark tile
        float black = (GotPreprocessor.normalise(0, 0) + GotPreprocessor.normalise(0, 1) + GotPreprocessor.normalise(0, 2)) / 3;
        assertThat(rows[255][1]).isCloseTo(black, org.assertj.core.api.Assertions.within(1e-2f));
    }

    private static BufferedImage white(int width, int height) {
        BufferedImage image = image(width, height);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }
}
