package io.omnivox.ocr.got;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnivox.ocr.got.GotTiling.Grid;

class GotTilingTest {

    @Test
    void should_keep_a_small_square_image_in_one_tile() {
        // aspect 1: (1,1) and (2,2) tie; 1000·1000 is not above half of 2048², so (1,1) stays
        assertThat(GotTiling.chooseGrid(1000, 1000)).isEqualTo(new Grid(1, 1));
        assertThat(GotTiling.tiles(image(1000, 1000))).hasSize(1);
    }

    @Test
    void should_use_three_columns_for_a_wide_image() {
        assertThat(GotTiling.chooseGrid(3000, 1000)).isEqualTo(new Grid(3, 1));
        assertThat(GotTiling.tiles(image(3000, 1000))).hasSize(4); // 3 tiles + thumbnail
    }

    @Test
    void should_take_the_larger_grid_on_a_tie_when_the_image_is_large_enough() {
        // aspect 1 ties (1,1) with (2,2); 2000·2000 > 0.5·2048², so 2×2
        assertThat(GotTiling.chooseGrid(2000, 2000)).isEqualTo(new Grid(2, 2));
        assertThat(GotTiling.tiles(image(2000, 2000))).hasSize(5);
    }

    @Test
    void should_pick_the_closest_aspect_ratio_for_other_shapes() {
        assertThat(GotTiling.chooseGrid(1000, 3000)).isEqualTo(new Grid(1, 3));
        assertThat(GotTiling.chooseGrid(2100, 1000)).isEqualTo(new Grid(2, 1));
        assertThat(GotTiling.chooseGrid(1400, 1000)).isEqualTo(new Grid(3, 2)); // 1.4: 1.5 closer than 1 or 2
        assertThat(GotTiling.chooseGrid(10000, 100)).isEqualTo(new Grid(6, 1));
        assertThat(GotTiling.chooseGrid(3000, 1000, 1, 1)).isEqualTo(new Grid(1, 1));
    }

    @Test
    void should_cut_tiles_row_major_and_end_with_the_thumbnail() {
        // 2048×2048 with four coloured quadrants → 2×2 grid without resampling
        BufferedImage image = new BufferedImage(2048, 2048, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] colours = { Color.RED, Color.GREEN, Color.BLUE, Color.WHITE };
        for (int i = 0; i < 4; i++) {
            g.setColor(colours[i]);
            g.fillRect((i % 2) * 1024, (i / 2) * 1024, 1024, 1024);
        }
        g.dispose();

        List<BufferedImage> tiles = GotTiling.tiles(image);

        assertThat(tiles).hasSize(5);
        for (int i = 0; i < 4; i++) {
            assertThat(tiles.get(i).getWidth()).isEqualTo(1024);
            assertThat(tiles.get(i).getRGB(512, 512) & 0xffffff).isEqualTo(colours[i].getRGB() & 0xffffff);
        }
        BufferedImage thumbnail = tiles.get(4);
        assertThat(thumbnail.getWidth()).isEqualTo(1024);
        assertThat(thumbnail.getRGB(256, 256) & 0xffffff).isEqualTo(Color.RED.getRGB() & 0xffffff);
        assertThat(thumbnail.getRGB(768, 768) & 0xffffff).isEqualTo(Color.WHITE.getRGB() & 0xffffff);
    }

    static BufferedImage image(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }
}
