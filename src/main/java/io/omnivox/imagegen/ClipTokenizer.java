package io.omnivox.imagegen;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.omnivox.model.ModelException;

/**
 * CLIP's byte-level BPE (lower-cased, {@code </w>} marking a word's end) run by the Hugging Face {@code tokenizers}
 * library through DJL. Loads {@code tokenizer/tokenizer.json}; a folder with only the slow tokenizer's
 * {@code vocab.json} and {@code merges.txt} gets the equivalent {@code tokenizer.json} built in memory (the same
 * normaliser, pre-tokeniser and model that {@code transformers} writes when it converts CLIP's tokenizer). Prompts are
 * framed as {@code BOS … EOS} and padded to the encoder's length; a longer prompt is cut and the cut is reported in
 * {@link PromptTokens}, never silently. Thread-safe.
 */
final class ClipTokenizer implements AutoCloseable {

    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The special ids and the length the text encoder takes. */
    record Framing(long bos, long eos, long pad, int length) {
        Framing {
            if (length < 3) {
                throw new ModelException("text encoder length must be at least 3 tokens, got " + length);
            }
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final Framing framing;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, Framing framing) {
        this.tokenizer = tokenizer;
        this.framing = framing;
    }

    /**
     * Loads the tokenizer in {@code dir} ({@code tokenizer.json}, else {@code vocab.json} + {@code merges.txt}).
     * Special ids come from the text encoder's metadata ({@code bos_token_id}, {@code eos_token_id},
     * {@code pad_token_id}, {@code max_length}), else from {@code special_tokens_map.json} /
     * {@code tokenizer_config.json} beside the vocabulary: the pad token differs between models (SD 1.x pads with
     * {@code <|endoftext|>}, SD 2.x and SD-Turbo with {@code !}), so it is never guessed.
     *
     * @param encoderLength the text encoder's fixed sequence length, or -1 when its input is dynamic
     */
    static ClipTokenizer load(Path dir, Map<String, String> encoderMetadata, int encoderLength) {
        HuggingFaceTokenizer tokenizer = open(dir);
        try {
            return new ClipTokenizer(tokenizer, framing(dir, encoderMetadata, encoderLength));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer open(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        try {
            Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding",
                    "false");
            if (Files.isRegularFile(json)) {
                return HuggingFaceTokenizer.newInstance(json, options);
            }
            Path vocab = dir.resolve("vocab.json");
            Path merges = dir.resolve("merges.txt");
            if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
                byte[] built = JSON.writeValueAsBytes(fromVocabulary(vocab, merges));
                return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(built), options);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException("Cannot load the CLIP tokenizer in " + dir + ": " + e.getMessage(), e);
        }
        throw new ModelException("No CLIP tokenizer in " + dir + ": expected tokenizer.json, or vocab.json and "
                + "merges.txt");
    }

    /** Frames {@code prompt} for the text encoder; a prompt past the limit is cut and the cut reported. */
    PromptTokens encode(String prompt) {
        long[] tokens = tokenizer.encode(prompt, false, false).getIds();
        int room = framing.length() - 2;
        int kept = Math.min(tokens.length, room);
        long[] ids = new long[framing.length()];
        Arrays.fill(ids, framing.pad());
        ids[0] = framing.bos();
        System.arraycopy(tokens, 0, ids, 1, kept);
        ids[kept + 1] = framing.eos();
        String dropped = kept < tokens.length
                // the byte-level decoder leaves CLIP's word-end marks in; they stand for spaces
                ? tokenizer.decode(Arrays.copyOfRange(tokens, kept, tokens.length), true).replace("</w>", " ").strip()
                : "";
        return new PromptTokens(ids, kept, tokens.length - kept, dropped);
    }

    Framing framing() {
        return framing;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static Framing framing(Path dir, Map<String, String> metadata, int encoderLength) {
        Map<String, String> files = specialTokenFiles(dir);
        int length = encoderLength > 0 ? encoderLength
                : Integer.parseInt(first(metadata.get("max_length"), files.get("model_max_length"), "77"));
        return new Framing(special(metadata, files, dir, "bos"), special(metadata, files, dir, "eos"),
                special(metadata, files, dir, "pad"), length);
    }

    private static long special(Map<String, String> metadata, Map<String, String> files, Path dir, String role) {
        String id = metadata.get(role + "_token_id");
        if (id != null) {
            return Long.parseLong(id.strip());
        }
        String token = files.get(role + "_token");
        if (token == null) {
            throw new ModelException("The text encoder lacks the metadata key '" + role + "_token_id' and the "
                    + "tokenizer folder names no " + role + "_token (special_tokens_map.json or "
                    + "tokenizer_config.json); see models/export/sd-turbo.md");
        }
        return vocabularyId(dir, token).orElseThrow(() -> new ModelException(
                "The " + role + " token '" + token + "' is not in the CLIP vocabulary in " + dir));
    }

    /**
     * A token's id looked up in the vocabulary itself: encoding the token would not do, as CLIP encodes a lone
     * {@code !} as the word-final {@code !</w>}, not as the pad piece {@code !}.
     */
    private static OptionalLong vocabularyId(Path dir, String token) {
        Optional<JsonNode> fast = readJson(dir.resolve("tokenizer.json"));
        if (fast.isPresent()) {
            for (JsonNode added : fast.get().path("added_tokens")) {
                if (token.equals(added.path("content").asText(null))) {
                    return OptionalLong.of(added.path("id").asLong());
                }
            }
            JsonNode id = fast.get().path("model").path("vocab").get(token);
            return id != null && id.canConvertToLong() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
        }
        JsonNode id = readJson(dir.resolve("vocab.json")).map(v -> v.get(token)).orElse(null);
        return id != null && id.canConvertToLong() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
    }

    /** {@code *_token} and {@code model_max_length} from the files the slow and fast tokenizers save. */
    private static Map<String, String> specialTokenFiles(Path dir) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("tokenizer_config.json", "special_tokens_map.json")) {
            readJson(dir.resolve(name)).ifPresent(root -> root.properties().forEach(e -> {
                JsonNode value = e.getValue();
                // a token is written either as a string or as {"content": "...", ...}
                JsonNode content = value.isObject() ? value.get("content") : value;
                if (content != null && content.isValueNode() && !content.isNull()) {
                    values.put(e.getKey(), content.asText());
                }
            }));
        }
        return values;
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }

    /**
     * The fast tokenizer's description of CLIP's slow one: NFC, whitespace runs to one space and lower case; words,
     * single digits, punctuation runs and English contractions split off by CLIP's pattern, then mapped to
     * GPT-2's byte characters; BPE whose word-final pieces end in {@code </w>}, unknown pieces becoming
     * {@code <|endoftext|>}.
     */
    static Map<String, Object> fromVocabulary(Path vocabFile, Path mergesFile) throws IOException {
        JsonNode vocab = JSON.readTree(vocabFile.toFile());
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#version")) {
                merges.add(line.strip());
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", END);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        List<Map<String, Object>> added = new ArrayList<>();
        for (String special : List.of(START, END)) {
            JsonNode id = vocab.get(special);
            if (id == null) {
                throw new ModelException("vocab.json has no " + special + " token; is this a CLIP vocabulary?");
            }
            added.add(Map.of("id", id.asLong(), "content", special, "single_word", false, "lstrip", false, "rstrip",
                    false, "normalized", true, "special", true));
        }
        String pattern = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]"
                + "|[^\\s\\p{L}\\p{N}]+";
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", Map.of("type", "Sequence", "normalizers", List.of(Map.of("type", "NFC"),
                Map.of("type", "Replace", "pattern", Map.of("Regex", "\\s+"), "content", " "),
                Map.of("type", "Lowercase"))));
        root.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(
                Map.of("type", "Split", "pattern", Map.of("Regex", pattern), "behavior", "Removed", "invert", true),
                Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", false))));
        root.put("post_processor", null);
        root.put("decoder", Map.of("type", "ByteLevel", "add_prefix_space", true, "trim_offsets", true,
                "use_regex", true));
        root.put("model", model);
        return root;
    }
}
