package io.omnivox.ocr.got;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.AutoregressiveDecoder;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.model.decoder.GenerationOptions;
import io.omnivox.model.decoder.GenerationResult;
import io.omnivox.model.decoder.OnnxCausalLm;
import io.omnivox.model.decoder.TokenEmbedder;
import io.omnivox.model.decoder.TokenListener;
import io.omnivox.model.tokenizer.HuggingFaceTextTokenizer;
import io.omnivox.model.tokenizer.TextTokenizer;
import io.omnivox.ocr.Box;
import io.omnivox.ocr.OcrMode;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.OcrResult;
import io.omnivox.ocr.TextRecognizer;

/**
 * GOT-OCR 2.0 on ONNX Runtime ({@code models/got-ocr2.yaml}): {@code encoder.onnx} turns each 1024×1024 tile into 256
 * image embeddings, {@code embed_tokens.onnx} embeds the prompt, the image embeddings overwrite the {@code <imgpad>}
 * positions, and {@code decoder.onnx} generates greedily (no-repeat n-gram 20) until {@code <|im_end|>}. Single image
 * by default; {@link #recognizeMultiCrop} tiles the image first; a {@link OcrRequest#region() region} uses the
 * fine-grained {@code [x1,y1,x2,y2] OCR: } instruction on the whole image. Thread-safe.
 */
public final class GotOcrRecognizer implements TextRecognizer, AutoCloseable {

    public static final String ENGINE = "got-ocr2-onnx";

    /** Page separator for {@link #recognizePages}: {@code <!-- page N -->} between blank lines. */
    static String pageMarker(int page) {
        return "<!-- page " + page + " -->";
    }

    /**
     * @param maxNewTokens generation limit (upstream 4096)
     * @param maxTiles     most tiles in multi-crop mode (upstream 6)
     * @param noRepeatNgram no-repeat n-gram size (upstream 20)
     */
    public record Settings(int maxNewTokens, int maxTiles, int noRepeatNgram) {
        public static final Settings DEFAULT = new Settings(4096, GotTiling.MAX_TILES, 20);
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OnnxModel encoder;
    private final OnnxModel embedTokens;
    private final OnnxModel decoderModel;
    private final TextTokenizer tokenizer;
    private final GotPrompt prompt;
    private final AutoregressiveDecoder decoder;
    private final Settings settings;
    private final boolean owned;

    public GotOcrRecognizer(OnnxModel encoder, OnnxModel embedTokens, OnnxModel decoder, TextTokenizer tokenizer,
            Settings settings) {
        this(encoder, embedTokens, decoder, tokenizer, settings, false);
    }

    private GotOcrRecognizer(OnnxModel encoder, OnnxModel embedTokens, OnnxModel decoder, TextTokenizer tokenizer,
            Settings settings, boolean owned) {
        encoder.requireInput("pixel_values");
        requireOutput(encoder, "image_embeds");
        embedTokens.requireInput("input_ids");
        requireOutput(embedTokens, "inputs_embeds");
        decoder.requireInput("inputs_embeds");
        this.encoder = encoder;
        this.embedTokens = embedTokens;
        this.decoderModel = decoder;
        this.tokenizer = tokenizer;
        this.prompt = new GotPrompt(tokenizer);
        this.decoder = new AutoregressiveDecoder(OnnxCausalLm.of(decoder, (TokenEmbedder) this::embed));
        this.settings = settings;
        this.owned = owned;
    }

    /** Opens {@code encoder.onnx}, {@code embed_tokens.onnx}, {@code decoder.onnx} and {@code tokenizer.json}. */
    public static GotOcrRecognizer open(Path dir, OnnxSessionFactory factory, Settings settings) {
        OnnxModel encoder = factory.open(dir.resolve("encoder.onnx"));
        OnnxModel embed = factory.open(dir.resolve("embed_tokens.onnx"));
        OnnxModel decoder = factory.open(dir.resolve("decoder.onnx"));
        TextTokenizer tokenizer = HuggingFaceTextTokenizer.load(dir.resolve("tokenizer.json"));
        return new GotOcrRecognizer(encoder, embed, decoder, tokenizer, settings, true);
    }

    private static void requireOutput(OnnxModel model, String name) {
        if (!model.outputs().containsKey(name)) {
            throw new ModelException("Model " + model.name() + " has no output '" + name + "' (outputs: "
                    + model.outputs().keySet() + ")");
        }
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    /**
     * Single-image OCR (plain or format); fine-grained OCR of the request's region or colour frame; an image too large
     * for one 1024×1024 view without a region goes through {@link #recognizeMultiCrop} (dynamic resolution).
     */
    @Override
    public OcrResult recognize(OcrRequest request) {
        BufferedImage image = request.image();
        GotPrompt.Task task = GotPrompt.Task.of(request.mode(), false);
        if (request.colour().isPresent()) {
            return result(read(List.of(image), GotPrompt.instruction(task, request.colour().get())));
        }
        Box region = request.region().orElse(null);
        if (region == null && GotTiling.needsTiles(image)) {
            return recognizeMultiCrop(request);
        }
        String instruction = GotPrompt.instruction(task, region, image.getWidth(), image.getHeight());
        return result(read(List.of(image), instruction));
    }

    /**
     * Multi-page OCR in one prompt, GOT's "across multi pages" mode: every page an image in the same prompt, read
     * together as formatted text (for documents whose tables or paragraphs run across pages). At most
     * {@code maxTiles} pages.
     */
    public OcrResult recognizeMultiPage(List<BufferedImage> pages) {
        if (pages.isEmpty() || pages.size() > settings.maxTiles()) {
            throw new IllegalArgumentException("multi-page OCR takes 1 to " + settings.maxTiles() + " pages, got "
                    + pages.size());
        }
        return result(read(pages, GotPrompt.Task.MULTI_PAGE_FORMAT.instruction()));
    }

    /** Multi-crop OCR: the image in 1 to {@code maxTiles} tiles (plus a thumbnail), the "patch reference" prompt. */
    public OcrResult recognizeMultiCrop(OcrRequest request) {
        List<BufferedImage> tiles = GotTiling.tiles(request.image(), GotTiling.MIN_TILES, settings.maxTiles());
        String instruction = GotPrompt.Task.of(request.mode(), true).instruction();
        return result(read(tiles, instruction));
    }

    /** Each page read on its own (formatted), in order, joined with {@code <!-- page N -->} markers. */
    public OcrResult recognizePages(List<BufferedImage> pages) {
        return recognizePages(pages, OcrMode.FORMAT);
    }

    /** Each page read on its own in {@code mode}, in order, joined with {@code <!-- page N -->} markers. */
    public OcrResult recognizePages(List<BufferedImage> pages, OcrMode mode) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            if (i > 0) {
                text.append("\n\n");
            }
            text.append(pageMarker(i + 1)).append("\n\n");
            OcrRequest request = new OcrRequest(pages.get(i), mode, java.util.Optional.empty(), "auto");
            text.append(recognize(request).text());
        }
        return result(text.toString());
    }

    private OcrResult result(String text) {
        return new OcrResult(text, List.of(), ENGINE);
    }

    /** Encodes the images, builds and embeds the prompt, splices and generates; returns the decoded text. */
    String read(List<BufferedImage> images, String instruction) {
        List<float[][]> imageEmbeds = new ArrayList<>();
        for (BufferedImage image : images) {
            imageEmbeds.add(encode(image));
        }
        long[] ids = prompt.ids(images.size(), instruction);
        float[][] embeds = embed(ids);
        splice(embeds, ids, prompt.imagePadId(), imageEmbeds);
        GenerationOptions options = GenerationOptions.greedy(settings.maxNewTokens(), (int) prompt.stopId())
                .withNoRepeatNgramSize(settings.noRepeatNgram());
        GenerationResult generated = decoder.generate(embeds, ids, options, TokenListener.NONE,
                new CancellationToken());
        long[] tokens = new long[generated.tokens().length];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = generated.tokens()[i];
        }
        return tokenizer.decode(tokens, true).strip();
    }

    /**
     * Overwrites the rows of {@code embeds} at the {@code padId} positions with the image embeddings, image after
     * image; fails when the counts differ or the widths do not match.
     */
    static void splice(float[][] embeds, long[] ids, long padId, List<float[][]> imageEmbeds) {
        int total = 0;
        for (float[][] image : imageEmbeds) {
            total += image.length;
        }
        int pads = 0;
        for (long id : ids) {
            if (id == padId) {
                pads++;
            }
        }
        if (pads != total) {
            throw new ModelException("GOT prompt has " + pads + " image positions but the encoder gave " + total
                    + " image embeddings");
        }
        int image = 0;
        int row = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != padId) {
                continue;
            }
            while (row == imageEmbeds.get(image).length) {
                image++;
                row = 0;
            }
            float[] vector = imageEmbeds.get(image)[row++];
            if (vector.length != embeds[i].length) {
                throw new ModelException("GOT image embeddings have width " + vector.length
                        + " but token embeddings " + embeds[i].length);
            }
            embeds[i] = vector.clone();
        }
    }

    /** {@code image_embeds} of one tile, {@code [tokens][hidden]}. */
    float[][] encode(BufferedImage tile) {
        float[] pixels = GotPreprocessor.pixelValues(tile);
        int size = GotPreprocessor.IMAGE_SIZE;
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] { 1, 3, size, size });
                OrtSession.Result result = encoder.run(Map.of("pixel_values", input))) {
            return rows((OnnxTensor) result.get("image_embeds").orElseThrow(), encoder.name());
        } catch (OrtException e) {
            throw new ModelException("GOT encoder failed: " + e.getMessage(), e);
        }
    }

    /** Token embeddings from {@code embed_tokens.onnx}, {@code [ids.length][hidden]}. */
    float[][] embed(long[] ids) {
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] { 1, ids.length });
                OrtSession.Result result = embedTokens.run(Map.of("input_ids", input))) {
            return rows((OnnxTensor) result.get("inputs_embeds").orElseThrow(), embedTokens.name());
        } catch (OrtException e) {
            throw new ModelException("GOT token embedding failed: " + e.getMessage(), e);
        }
    }

    private static float[][] rows(OnnxTensor tensor, String model) {
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new ModelException(model + " returned shape " + java.util.Arrays.toString(shape)
                    + ", expected [1, tokens, hidden]");
        }
        int count = Math.toIntExact(shape[1]);
        int hidden = Math.toIntExact(shape[2]);
        FloatBuffer all = tensor.getFloatBuffer();
        float[][] out = new float[count][hidden];
        for (int i = 0; i < count; i++) {
            all.get(out[i]);
        }
        return out;
    }

    @Override
    public void close() {
        if (owned) {
            encoder.close();
            embedTokens.close();
            decoderModel.close();
            tokenizer.close();
        }
    }
}
