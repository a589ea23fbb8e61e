package io.omnivox.ocr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.asr.CtcGreedyDecoder;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;

/**
 * PaddleOCR PP-OCRv4 on ONNX Runtime: DB text detection, then CTC line recognition with {@code ppocr_keys_v1.txt}.
 * Detection boxes are axis-aligned (connected components of the thresholded probability map, expanded by the DB unclip
 * ratio); rotated text is not straightened and the angle classifier is not used. Thread-safe.
 */
public final class PpOcrRecognizer implements TextRecognizer {

    public static final String ENGINE = "ppocr-v4-onnx";
    public static final String DET_FILE = "ch_PP-OCRv4_det_infer.onnx";
    public static final String REC_FILE = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String KEYS_FILE = "ppocr_keys_v1.txt";

    static final int DET_LIMIT_SIDE = 960;
    static final float DET_THRESH = 0.3f;
    static final float BOX_THRESH = 0.5f;
    static final float UNCLIP_RATIO = 1.6f;
    static final int MIN_SIZE = 3;
    static final int REC_HEIGHT = 48;
    static final int REC_MIN_WIDTH = 320;
    static final int REC_BATCH = 8;
    /** Lines whose mean character probability is below this are dropped (PaddleOCR's drop_score). */
    static final double DROP_SCORE = 0.5;

    private final OnnxModel det;
    private final OnnxModel rec;
    private final String detInput;
    private final String recInput;
    private final List<String> dictionary;
    private final CtcGreedyDecoder ctc = new CtcGreedyDecoder(0);

    /** Opens the detection and recognition models and the dictionary from {@code modelDir}. */
    public PpOcrRecognizer(OnnxSessionFactory factory, Path modelDir) {
        this.det = factory.open(modelDir.resolve(DET_FILE));
        this.rec = factory.open(modelDir.resolve(REC_FILE));
        this.detInput = det.inputs().keySet().iterator().next();
        this.recInput = rec.inputs().keySet().iterator().next();
        Path keys = modelDir.resolve(KEYS_FILE);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(keys, StandardCharsets.UTF_8));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            lines.add(" ");
            this.dictionary = List.copyOf(lines);
        } catch (IOException e) {
            throw new ModelException("Cannot read the PaddleOCR dictionary " + keys + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public OcrResult recognize(OcrRequest asked) {
        OcrRequest request = asked.withColourResolved();
        BufferedImage image = toRgb(request.image());
        int ox = 0;
        int oy = 0;
        if (request.region().isPresent()) {
            Box r = request.region().get();
            int x0 = clamp(r.x(), 0, image.getWidth());
            int y0 = clamp(r.y(), 0, image.getHeight());
            int x1 = clamp(r.x() + r.width(), x0, image.getWidth());
            int y1 = clamp(r.y() + r.height(), y0, image.getHeight());
            if (x1 - x0 < 1 || y1 - y0 < 1) {
                return new OcrResult("", List.of(), ENGINE);
            }
            image = image.getSubimage(x0, y0, x1 - x0, y1 - y0);
            ox = x0;
            oy = y0;
        }
        List<Box> boxes = detect(image);
        List<OcrLine> lines = new ArrayList<>();
        for (int from = 0; from < boxes.size(); from += REC_BATCH) {
            List<Box> batch = boxes.subList(from, Math.min(boxes.size(), from + REC_BATCH));
            List<Decoded> decoded = recognizeCrops(image, batch);
            for (int i = 0; i < batch.size(); i++) {
                Decoded d = decoded.get(i);
                String text = d.text().strip();
                if (text.isEmpty() || d.confidence() < DROP_SCORE) {
                    continue;
                }
                Box b = batch.get(i);
                lines.add(new OcrLine(text, new Box(b.x() + ox, b.y() + oy, b.width(), b.height()), d.confidence()));
            }
        }
        lines = readingOrder(lines);
        StringBuilder text = new StringBuilder();
        for (OcrLine line : lines) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(line.text());
        }
        return new OcrResult(text.toString(), lines, ENGINE);
    }

    /** Text boxes in {@code image}'s pixels, top-to-bottom then left-to-right. */
    List<Box> detect(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double ratio = Math.max(h, w) > DET_LIMIT_SIDE ? (double) DET_LIMIT_SIDE / Math.max(h, w) : 1.0;
        int rh = Math.max(32, (int) Math.round(h * ratio / 32.0) * 32);
        int rw = Math.max(32, (int) Math.round(w * ratio / 32.0) * 32);
        float[] input = normalise(resize(image, rw, rh), rw, rh, rw);
        float[] prob;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] { 1, 3, rh, rw });
                OrtSession.Result result = det.run(Map.of(detInput, x))) {
            FloatBuffer buf = ((OnnxTensor) result.get(0)).getFloatBuffer();
            prob = new float[rh * rw];
            buf.get(prob);
        } catch (OrtException e) {
            throw new ModelException("Running " + det.name() + " failed: " + e.getMessage(), e);
        }
        List<Box> boxes = boxesFromMap(prob, rw, rh, (double) w / rw, (double) h / rh, w, h);
        boxes.sort(Comparator.comparingInt(Box::y).thenComparingInt(Box::x));
        return boxes;
    }

    /**
     * DB post-processing with axis-aligned boxes: binarise at {@link #DET_THRESH}, take 8-connected components, keep
     * those whose bounding box has mean probability at least {@link #BOX_THRESH}, expand each side by
     * area·ratio/perimeter, and scale to the original image.
     */
    static List<Box> boxesFromMap(float[] prob, int mw, int mh, double sx, double sy, int imgW, int imgH) {
        boolean[] seen = new boolean[prob.length];
        List<Box> boxes = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < prob.length; start++) {
            if (seen[start] || prob[start] <= DET_THRESH) {
                continue;
            }
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int px = p % mw;
                int py = p / mw;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= mh) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= mw) {
                            continue;
                        }
                        int q = ny * mw + nx;
                        if (!seen[q] && prob[q] > DET_THRESH) {
                            seen[q] = true;
                            queue.add(q);
                        }
                    }
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            if (Math.min(bw, bh) < MIN_SIZE) {
                continue;
            }
            double sum = 0;
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    sum += prob[y * mw + x];
                }
            }
            if (sum / ((double) bw * bh) < BOX_THRESH) {
                continue;
            }
            double offset = (double) bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
            double x0 = minX - offset;
            double y0 = minY - offset;
            double x1 = maxX + 1 + offset;
            double y1 = maxY + 1 + offset;
            if (Math.min(x1 - x0, y1 - y0) < MIN_SIZE + 2) {
                continue;
            }
            int ix0 = clamp((int) Math.floor(x0 * sx), 0, imgW);
            int iy0 = clamp((int) Math.floor(y0 * sy), 0, imgH);
            int ix1 = clamp((int) Math.ceil(x1 * sx), 0, imgW);
            int iy1 = clamp((int) Math.ceil(y1 * sy), 0, imgH);
            if (ix1 - ix0 < 1 || iy1 - iy0 < 1) {
                continue;
            }
            boxes.add(new Box(ix0, iy0, ix1 - ix0, iy1 - iy0));
        }
        return boxes;
    }

    record Decoded(String text, double confidence) {
    }

    /** Recognises the crops of {@code boxes} as one batch. */
    List<Decoded> recognizeCrops(BufferedImage image, List<Box> boxes) {
        int n = boxes.size();
        if (n == 0) {
            return List.of();
        }
        int[] widths = new int[n];
        int maxW = REC_MIN_WIDTH;
        for (int i = 0; i < n; i++) {
            Box b = boxes.get(i);
            widths[i] = Math.max(1, (int) Math.ceil(REC_HEIGHT * (double) b.width() / b.height()));
            maxW = Math.max(maxW, widths[i]);
        }
        int batchW = (maxW + 7) / 8 * 8;
        int plane = REC_HEIGHT * batchW;
        float[] input = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            Box b = boxes.get(i);
            BufferedImage crop = resize(image.getSubimage(b.x(), b.y(), b.width(), b.height()), widths[i], REC_HEIGHT);
            float[] one = normalise(crop, widths[i], REC_HEIGHT, batchW);
            System.arraycopy(one, 0, input, i * 3 * plane, one.length);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                new long[] { n, 3, REC_HEIGHT, batchW });
                OrtSession.Result result = rec.run(Map.of(recInput, x))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            int frames = (int) shape[1];
            int vocab = (int) shape[2];
            float[] probs = new float[n * frames * vocab];
            out.getFloatBuffer().get(probs);
            List<Decoded> decoded = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int offset = i * frames * vocab;
                StringBuilder text = new StringBuilder();
                double score = 0;
                List<CtcGreedyDecoder.CtcToken> tokens = ctc.decode(probs, offset, frames, vocab);
                for (CtcGreedyDecoder.CtcToken token : tokens) {
                    int index = token.id() - 1;
                    text.append(index < dictionary.size() ? dictionary.get(index) : "");
                    score += probs[offset + token.frame() * vocab + token.id()];
                }
                decoded.add(new Decoded(text.toString(), tokens.isEmpty() ? 0 : score / tokens.size()));
            }
            return decoded;
        } catch (OrtException e) {
            throw new ModelException("Running " + rec.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Top-to-bottom; lines whose vertical centres lie within half a line height go left-to-right. */
    static List<OcrLine> readingOrder(List<OcrLine> lines) {
        List<OcrLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingInt((OcrLine l) -> l.box().y()).thenComparingInt(l -> l.box().x()));
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = i; j > 0; j--) {
                Box a = sorted.get(j - 1).box();
                Box b = sorted.get(j).box();
                double dy = Math.abs((a.y() + a.height() / 2.0) - (b.y() + b.height() / 2.0));
                if (dy < Math.min(a.height(), b.height()) / 2.0 && b.x() < a.x()) {
                    OcrLine t = sorted.get(j - 1);
                    sorted.set(j - 1, sorted.get(j));
                    sorted.set(j, t);
                } else {
                    break;
                }
            }
        }
        return sorted;
    }

    /** CHW float planes in BGR order, (v/255 − 0.5)/0.5, the image left-aligned in {@code stride} columns (rest 0). */
    private static float[] normalise(BufferedImage img, int w, int h, int stride) {
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = h * stride;
        float[] out = new float[3 * plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb[y * w + x];
                int i = y * stride + x;
                out[i] = ((p & 0xff) / 255f - 0.5f) / 0.5f;
                out[plane + i] = (((p >> 8) & 0xff) / 255f - 0.5f) / 0.5f;
                out[2 * plane + i] = (((p >> 16) & 0xff) / 255f - 0.5f) / 0.5f;
            }
        }
        return out;
    }

    private static BufferedImage resize(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The image as opaque RGB; transparency is composited over white. */
    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
