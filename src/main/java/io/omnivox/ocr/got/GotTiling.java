package io.omnivox.ocr.got;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * InternVL's dynamic preprocessing as GOT-OCR 2.0's multi-crop mode uses it: among the grids of {@code columns × rows}
 * tiles with {@code minTiles ≤ columns·rows ≤ maxTiles} (1 and 6 by default), pick the one whose aspect ratio
 * ({@code columns / rows}) is closest to the image's; on a tie the later (larger) grid wins when the image's area exceeds
 * half the grid's pixel area, as InternVL's {@code find_closest_aspect_ratio} does. Candidates are tried in order of
 * tile count, then columns. The image is resized to {@code columns·1024 × rows·1024} and cut row-major; when there is
 * more than one tile a 1024×1024 thumbnail of the whole image follows.
 */
public final class GotTiling {

    public static final int MIN_TILES = 1;
    public static final int MAX_TILES = 6;

    /** A grid of {@code columns × rows} tiles. */
    public record Grid(int columns, int rows) {
        public int tiles() {
            return columns * rows;
        }
    }

    private GotTiling() {
    }

    /** The grid chosen for an image of {@code width × height}. */
    public static Grid chooseGrid(int width, int height, int minTiles, int maxTiles) {
        List<Grid> candidates = new ArrayList<>();
        for (int n = minTiles; n <= maxTiles; n++) {
            for (int columns = 1; columns <= n; columns++) {
                if (n % columns == 0) {
                    candidates.add(new Grid(columns, n / columns));
                }
            }
        }
        double aspect = (double) width / height;
        double area = (double) width * height;
        double size = GotPreprocessor.IMAGE_SIZE;
        double bestDiff = Double.POSITIVE_INFINITY;
        Grid best = new Grid(1, 1);
        for (Grid grid : candidates) {
            double diff = Math.abs(aspect - (double) grid.columns() / grid.rows());
            if (diff < bestDiff) {
                bestDiff = diff;
                best = grid;
            } else if (diff == bestDiff && area > 0.5 * size * size * grid.tiles()) {
                best = grid;
            }
        }
        return best;
    }

    /**
     * Longest side above which one 1024×1024 view loses detail: 1.5 views, so a slightly oversized photo is still read
     * whole (GOT's single view handles moderate downscaling well) while a poster or long receipt is tiled.
     */
    static final int TILING_THRESHOLD = GotPreprocessor.IMAGE_SIZE * 3 / 2;

    /** Whether {@code image} is large enough that reading it in tiles (multi-crop) keeps text legible. */
    public static boolean needsTiles(BufferedImage image) {
        return Math.max(image.getWidth(), image.getHeight()) > TILING_THRESHOLD
                && chooseGrid(image.getWidth(), image.getHeight()).tiles() > 1;
    }

    /** The grid chosen with the default 1 to 6 tiles. */
    public static Grid chooseGrid(int width, int height) {
        return chooseGrid(width, height, MIN_TILES, MAX_TILES);
    }

    /** The tiles of {@code image} (row-major), then the thumbnail when there is more than one tile. */
    public static List<BufferedImage> tiles(BufferedImage image, int minTiles, int maxTiles) {
        Grid grid = chooseGrid(image.getWidth(), image.getHeight(), minTiles, maxTiles);
        int size = GotPreprocessor.IMAGE_SIZE;
        if (grid.tiles() == 1) {
            return List.of(GotPreprocessor.resize(image, size, size));
        }
        BufferedImage resized = GotPreprocessor.resize(image, grid.columns() * size, grid.rows() * size);
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < grid.tiles(); i++) {
            int x = (i % grid.columns()) * size;
            int y = (i / grid.columns()) * size;
            tiles.add(resized.getSubimage(x, y, size, size));
        }
        tiles.add(GotPreprocessor.resize(image, size, size));
        return tiles;
    }

    /** The tiles with the default 1 to 6 tiles. */
    public static List<BufferedImage> tiles(BufferedImage image) {
        return tiles(image, MIN_TILES, MAX_TILES);
    }
}
