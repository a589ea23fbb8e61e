package io.omnivox.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ColourBoxLocatorTest {

    /** White page, black text-like blocks, and a frame of {@code colour} with a 3-pixel stroke. */
    private static BufferedImage page(Color colour) {
        BufferedImage image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 200);
        g.setColor(Color.BLACK);
        g.fillRect(10, 10, 80, 12);
        g.fillRect(120, 80, 150, 12);
        if (colour != null) {
            g.setColor(colour);
            g.setStroke(new BasicStroke(3));
            g.drawRect(101, 61, 200, 50); // stroke centred on the path: pixels 100..302 × 60..112
        }
        g.dispose();
        return image;
    }

    @Test
    void should_return_the_inside_of_the_frame_without_its_stroke() {
        Box inside = ColourBoxLocator.inside(page(Color.RED), BoxColour.RED).orElseThrow();

        // outer bounds 100..302 × 60..112; stroke 3 plus clearance 2 on every side
        assertThat(inside).isEqualTo(new Box(105, 65, 193, 43));
    }

    @Test
    void should_find_nothing_for_another_colour_or_no_frame() {
        assertThat(ColourBoxLocator.inside(page(Color.RED), BoxColour.GREEN)).isEmpty();
        assertThat(ColourBoxLocator.inside(page(Color.BLUE), BoxColour.RED)).isEmpty();
        assertThat(ColourBoxLocator.inside(page(null), BoxColour.BLUE)).isEmpty();
        assertThat(ColourBoxLocator.inside(page(new Color(0, 0, 255)), BoxColour.BLUE)).isPresent();
    }

    @Test
    void should_resolve_a_colour_request_into_a_region_or_refuse_it() {
        OcrRequest asked = new OcrRequest(page(Color.GREEN), OcrMode.PLAIN, java.util.Optional.empty(), "auto",
                java.util.Optional.of(BoxColour.GREEN));

        OcrRequest resolved = asked.withColourResolved();

        assertThat(resolved.colour()).isEmpty();
        assertThat(resolved.region()).contains(new Box(105, 65, 193, 43));
        assertThatThrownBy(() -> new OcrRequest(page(null), OcrMode.PLAIN, java.util.Optional.empty(), "auto",
                java.util.Optional.of(BoxColour.RED)).withColourResolved())
                .isInstanceOf(ImageException.class)
                .satisfies(e -> assertThat(((ImageException) e).status()).isEqualTo(422));
    }

    @Test
    void should_parse_colour_names_in_any_case() {
        assertThat(BoxColour.parse(" Red ")).isEqualTo(BoxColour.RED);
        assertThat(BoxColour.BLUE.promptName()).isEqualTo("blue");
        assertThatThrownBy(() -> BoxColour.parse("purple")).isInstanceOf(IllegalArgumentException.class);
    }
}
