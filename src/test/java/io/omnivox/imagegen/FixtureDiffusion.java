package io.omnivox.imagegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * A diffusion export in miniature with the Optimum layout and the contract of {@code models/sd-turbo.yaml} (names,
 * element types, ranks, metadata keys), small enough to run in milliseconds:
 * <ul>
 * <li>{@code tokenizer/tokenizer.json}: CLIP's structure (lower-casing normaliser, CLIP's split pattern, byte-level
 * characters, BPE with {@code </w>} word ends) over the 256 byte characters, their word-final forms and a few merges;
 * ids as CLIP orders them ({@code !} is 0, the pad token of SD 2.x);</li>
 * <li>text encoder: {@code input_ids [B, 77]} → {@code last_hidden_state [B, 77, HIDDEN]}, each row the id times a
 * fixed ramp;</li>
 * <li>UNet: {@code out_sample = 0.5·sample + mean(encoder_hidden_states) + timestep/10000} (per batch row), so the
 * prompt, the step and the batch row all change the prediction;</li>
 * <li>VAE decoder: the first three latent channels upsampled ×8 (nearest) through tanh; VAE encoder: 8×8 average
 * pooling of the RGB planes plus their mean as the fourth channel.</li>
 * </ul>
 */
public final class FixtureDiffusion {

    static final int HIDDEN = 8;
    static final int LENGTH = 77;
    /** Merged pieces after the 512 byte pieces: "ca", "cat</w>", "do", "dog</w>". */
    static final List<String> MERGES = List.of("c a", "ca t</w>", "d o", "do g</w>");
    static final int START = 512 + MERGES.size();
    static final int END = START + 1;

    /** Variations of the export, to cover what real exports disagree on. */
    public record Variant(OnnxDType idsType, OnnxDType timestepType, boolean guidanceEmbedding, boolean vaeEncoder) {
        public static final Variant SD_TURBO = new Variant(OnnxDType.INT64, OnnxDType.FLOAT, false, true);
    }

    private FixtureDiffusion() {
    }

    /** Writes the whole export into {@code dir} and returns it. */
    public static Path write(Path dir, Variant variant) throws IOException {
        writeTokenizerJson(dir.resolve("tokenizer"));
        textEncoder(variant.idsType()).save(dir.resolve("text_encoder/model.onnx"));
        unet(variant.timestepType(), variant.guidanceEmbedding()).save(dir.resolve("unet/model.onnx"));
        vaeDecoder().save(dir.resolve("vae_decoder/model.onnx"));
        if (variant.vaeEncoder()) {
            vaeEncoder().save(dir.resolve("vae_encoder/model.onnx"));
        }
        return dir;
    }

    static OnnxGraphBuilder textEncoder(OnnxDType idsType) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-text-encoder");
        String ids = g.input("input_ids", idsType, "B", LENGTH);
        String asFloat = g.op("Unsqueeze", g.node("Cast", ids).attr("to", (long) OnnxDType.FLOAT.code()).out(),
                g.constLongs(2));
        float[] ramp = new float[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            ramp[i] = (i + 1) / 4000f;
        }
        g.output("last_hidden_state", g.op("Mul", asFloat, g.constFloats(ramp, 1, 1, HIDDEN)), OnnxDType.FLOAT, "B",
                LENGTH, HIDDEN);
        g.metadata("max_length", String.valueOf(LENGTH));
        g.metadata("bos_token_id", String.valueOf(START));
        g.metadata("eos_token_id", String.valueOf(END));
        g.metadata("pad_token_id", "0");
        return g;
    }

    /** The scheduler settings our export copies into the UNet's metadata. */
    static final Map<String, String> SCHEDULER = Map.of("num_train_timesteps", "1000", "beta_start", "0.00085",
            "beta_end", "0.012", "beta_schedule", "scaled_linear", "prediction_type", "epsilon", "timestep_spacing",
            "trailing");

    static OnnxGraphBuilder unet(OnnxDType timestepType, boolean guidanceEmbedding) {
        return unet(timestepType, guidanceEmbedding, SCHEDULER);
    }

    static OnnxGraphBuilder unet(OnnxDType timestepType, boolean guidanceEmbedding, Map<String, String> metadata) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-unet");
        String sample = g.input("sample", OnnxDType.FLOAT, "B", 4, "h", "w");
        String timestep = g.input("timestep", timestepType, "B");
        String hidden = g.input("encoder_hidden_states", OnnxDType.FLOAT, "B", LENGTH, HIDDEN);
        String prompt = g.op("Reshape", g.node("ReduceMean", hidden).ints("axes", 1, 2).attr("keepdims", 0L).out(),
                g.constLongs(-1, 1, 1, 1));
        String time = g.op("Reshape", g.node("Cast", timestep).attr("to", (long) OnnxDType.FLOAT.code()).out(),
                g.constLongs(-1, 1, 1, 1));
        String out = g.op("Add", g.op("Add", g.op("Mul", sample, g.scalarFloat(0.5f)), prompt),
                g.op("Div", time, g.scalarFloat(10000f)));
        if (guidanceEmbedding) {
            String cond = g.input("timestep_cond", OnnxDType.FLOAT, "B", 256);
            String condMean = g.op("Reshape", g.node("ReduceMean", cond).ints("axes", 1).attr("keepdims", 0L).out(),
                    g.constLongs(-1, 1, 1, 1));
            out = g.op("Add", out, g.op("Mul", condMean, g.scalarFloat(0.01f)));
        }
        g.output("out_sample", out, OnnxDType.FLOAT, "B", 4, "h", "w");
        g.metadata(metadata);
        return g;
    }

    static OnnxGraphBuilder vaeDecoder() {
        return vaeDecoder(true);
    }

    static OnnxGraphBuilder vaeDecoder(boolean metadata) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-vae-decoder");
        String latents = g.input("latent_sample", OnnxDType.FLOAT, "B", 4, "h", "w");
        String rgb = g.op("Slice", latents, g.constLongs(0), g.constLongs(3), g.constLongs(1));
        String up = g.node("Resize", rgb, "", g.constFloats(1f, 1f, 8f, 8f)).attr("mode", "nearest").out();
        g.output("sample", g.op("Tanh", up), OnnxDType.FLOAT, "B", 3, "H", "W");
        if (metadata) {
            g.metadata("scaling_factor", "0.18215");
        }
        return g;
    }

    static OnnxGraphBuilder vaeEncoder() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-vae-encoder");
        String pixels = g.input("sample", OnnxDType.FLOAT, "B", 3, "H", "W");
        String pooled = g.node("AveragePool", pixels).ints("kernel_shape", 8, 8).ints("strides", 8, 8).out();
        String mean = g.node("ReduceMean", pooled).ints("axes", 1).attr("keepdims", 1L).out();
        g.output("latent_sample", g.node("Concat", pooled, mean).attr("axis", 1L).out(), OnnxDType.FLOAT, "B", 4,
                "h", "w");
        return g;
    }

    /** Writes {@code tokenizer.json} as the fast CLIP tokenizer saves it. */
    static Path writeTokenizerJson(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", "<|endoftext|>");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocabulary());
        model.put("merges", MERGES);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", List.of(added(START, "<|startoftext|>"), added(END, "<|endoftext|>")));
        root.put("normalizer", Map.of("type", "Sequence", "normalizers", List.of(Map.of("type", "NFC"),
                Map.of("type", "Replace", "pattern", Map.of("Regex", "\\s+"), "content", " "),
                Map.of("type", "Lowercase"))));
        root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(Map.of("type", "Split",
                "pattern", Map.of("Regex", "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+"
                        + "|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"),
                "behavior", "Removed", "invert", true),
                Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", false))));
        // the real file frames prompts itself; the pipeline asks for no special tokens and frames them from metadata
        root.put("post_processor", Map.of("type", "RobertaProcessing", "sep", List.of("<|endoftext|>", END), "cls",
                List.of("<|startoftext|>", START), "trim_offsets", false, "add_prefix_space", false));
        root.put("decoder", Map.of("type", "ByteLevel", "add_prefix_space", true, "trim_offsets", true,
                "use_regex", true));
        root.put("model", model);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(root), StandardCharsets.UTF_8);
        return file;
    }

    /** Writes the slow tokenizer's files: {@code vocab.json}, {@code merges.txt} and {@code special_tokens_map.json}. */
    static void writeVocabularyFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        Files.writeString(dir.resolve("vocab.json"), json.writeValueAsString(vocabulary()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("special_tokens_map.json"), json.writeValueAsString(Map.of(
                "bos_token", Map.of("content", "<|startoftext|>"), "eos_token", "<|endoftext|>", "pad_token", "!",
                "unk_token", "<|endoftext|>")), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> vocabulary() {
        List<String> bytes = byteCharacters();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String ch : bytes) {
            vocab.put(ch, vocab.size());
        }
        for (String ch : bytes) {
            vocab.put(ch + "</w>", vocab.size());
        }
        for (String merge : MERGES) {
            vocab.put(merge.replace(" ", ""), vocab.size());
        }
        vocab.put("<|startoftext|>", START);
        vocab.put("<|endoftext|>", END);
        return vocab;
    }

    /** GPT-2's byte characters in CLIP's order: printable Latin-1 first (so {@code !} is 0), the rest from U+0100. */
    private static List<String> byteCharacters() {
        List<Integer> printable = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            printable.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable.add(b);
        }
        List<String> chars = new ArrayList<>();
        printable.forEach(b -> chars.add(Character.toString(b)));
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable.contains(b)) {
                chars.add(Character.toString(256 + shifted++));
            }
        }
        return chars;
    }

    private static Map<String, Object> added(int id, String content) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", true);
        token.put("special", true);
        return token;
    }
}
