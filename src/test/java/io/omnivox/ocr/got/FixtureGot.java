package io.omnivox.ocr.got;

import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * GOT-OCR fixtures with the contract's names ({@code models/got-ocr2.yaml}) and a tiny hidden width of {@link #HIDDEN}:
 * <ul>
 * <li>encoder: {@code pixel_values [N,3,1024,1024]} → {@code image_embeds [N,256,HIDDEN]}, every row
 * {@code [k, mean(pixel_values of the tile), 0, …]} with {@code k} 2 for a bright tile (mean above 0), else 1;</li>
 * <li>embed_tokens: {@code input_ids} → {@code inputs_embeds}, row {@code [0, 0, id, 0, …]} (channel 0 is 0 for text);</li>
 * <li>decoder: on the prompt pass (empty cache) emits token {@code round(Σ channel 0 / 256)}: the number of
 * dark image tiles plus twice the number of bright ones whose embeddings really were spliced in; on every later step emits the stop token 151645.</li>
 * </ul>
 */
final class FixtureGot {

    static final int HIDDEN = 8;
    static final int VOCAB = 151860;
    static final long STOP = 151645;

    private FixtureGot() {
    }

    static byte[] encoder() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-got-encoder");
        String pixels = g.input("pixel_values", OnnxDType.FLOAT, "N", 3, 1024, 1024);
        String mean = g.node("ReduceMean", pixels).ints("axes", 1, 2, 3).attr("keepdims", 0L).out();
        String column = g.op("Reshape", mean, g.constLongs(-1, 1, 1));
        float[] a = new float[HIDDEN];
        a[1] = 1f;
        float[] b = new float[HIDDEN];
        b[0] = 1f;
        String bright = g.op("Add", g.node("Cast", g.op("Greater", column, g.scalarFloat(0f))).attr("to", 1L).out(),
                g.scalarFloat(1f));
        String row = g.op("Add", g.op("Mul", column, g.constFloats(a, 1, 1, HIDDEN)),
                g.op("Mul", bright, g.constFloats(b, 1, 1, HIDDEN)));
        String rows = g.op("Expand", row, g.constLongs(1, 256, 1));
        g.output("image_embeds", rows, OnnxDType.FLOAT, "N", 256, HIDDEN);
        g.metadata("image_size", "1024");
        g.metadata("image_tokens", "256");
        return g.toBytes();
    }

    static byte[] embedTokens() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-got-embed");
        String ids = g.input("input_ids", OnnxDType.INT64, "B", "S");
        String asFloat = g.op("Unsqueeze", g.node("Cast", ids).attr("to", 1L).out(), g.constLongs(2));
        float[] c = new float[HIDDEN];
        c[2] = 1f;
        g.output("inputs_embeds", g.op("Mul", asFloat, g.constFloats(c, 1, 1, HIDDEN)), OnnxDType.FLOAT, "B", "S",
                HIDDEN);
        return g.toBytes();
    }

    static byte[] decoder() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixture-got-decoder");
        String embeds = g.input("inputs_embeds", OnnxDType.FLOAT, "B", "S", HIDDEN);
        g.input("attention_mask", OnnxDType.INT64, "B", "past+S");
        g.input("position_ids", OnnxDType.INT64, "B", "S");
        String channel0 = g.op("Slice", embeds, g.constLongs(0), g.constLongs(1), g.constLongs(2));
        String kv = g.op("Expand", g.op("Unsqueeze", channel0, g.constLongs(1)), g.constLongs(1, 2, 1, 4));
        String pastLength = null;
        for (String role : new String[] { "key", "value" }) {
            String past = g.input("past_key_values.0." + role, OnnxDType.FLOAT, "B", 2, "past", 4);
            pastLength = g.node("Shape", past).attr("start", 2L).attr("end", 3L).out();
            String concat = g.node("Concat", past, kv).attr("axis", 2L).out();
            g.output("present.0." + role, g.op("Identity", concat), OnnxDType.FLOAT, "B", 2, "past+S", 4);
        }
        String sum = g.node("ReduceSum", channel0, g.constLongs(1, 2)).attr("keepdims", 0L).out();
        String tiles = g.node("Cast", g.op("Round", g.op("Div", sum, g.scalarFloat(256f)))).attr("to", 7L).out();
        String first = g.op("Equal", pastLength, g.constLongs(0));
        String token = g.op("Where", first, tiles, g.constLongs(STOP));
        String batchSeq = g.node("Shape", embeds).attr("start", 0L).attr("end", 2L).out();
        String target = g.op("Expand", g.op("Unsqueeze", token, g.constLongs(1)), batchSeq);
        String vocab = g.op("Range", g.scalarLong(0), g.scalarLong(VOCAB), g.scalarLong(1));
        String hot = g.op("Equal", g.op("Unsqueeze", target, g.constLongs(2)), vocab);
        String logits = g.op("Mul", g.node("Cast", hot).attr("to", 1L).out(), g.scalarFloat(10f));
        g.output("logits", logits, OnnxDType.FLOAT, "B", "S", VOCAB);
        g.metadata("vocab_size", String.valueOf(VOCAB));
        g.metadata("eos_token_id", String.valueOf(STOP));
        return g.toBytes();
    }

    /**
     * A word-level tokenizer: {@code w0}…{@code w9} are ids 0–9, plus the Qwen/GOT special tokens at their real ids
     * (in the vocabulary too: the tokenizers library renumbers added tokens missing from it).
     */
    static final String TOKENIZER_JSON = """
            {
              "version": "1.0", "truncation": null, "padding": null,
              "added_tokens": [
                {"id": 151643, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 151644, "content": "<|im_start|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 151645, "content": "<|im_end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 151857, "content": "<img>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 151858, "content": "</img>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 151859, "content": "<imgpad>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
              ],
              "normalizer": null,
              "pre_tokenizer": {"type": "Whitespace"},
              "post_processor": null,
              "decoder": null,
              "model": {"type": "WordLevel", "unk_token": "<unk>",
                "vocab": {"w0": 0, "w1": 1, "w2": 2, "w3": 3, "w4": 4, "w5": 5, "w6": 6, "w7": 7, "w8": 8, "w9": 9,
                          "<unk>": 10, "OCR": 11, ":": 12, "system": 13, "user": 14, "assistant": 15, "with": 16,
                          "format": 17, "[": 18, "]": 19, ",": 20,
                          "<|endoftext|>": 151643, "<|im_start|>": 151644, "<|im_end|>": 151645,
                          "<img>": 151857, "</img>": 151858, "<imgpad>": 151859}}
            }
            """;
}
