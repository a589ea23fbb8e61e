package io.omnivox.testkit.llama2c;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** llama2.c's {@code encode} from run.c, transcribed naively as the oracle for the tokenizer.json. */
final class Llama2cReferenceTokenizer {

    private final Llama2cTokenizerJson.Vocab vocab;
    private final Map<String, Integer> ids = new HashMap<>();

    Llama2cReferenceTokenizer(Llama2cTokenizerJson.Vocab vocab) {
        this.vocab = vocab;
        for (int i = 0; i < vocab.pieces().size(); i++) {
            ids.putIfAbsent(vocab.pieces().get(i), i);
        }
    }

    List<Integer> encode(String text, boolean bos) {
        List<Integer> tokens = new ArrayList<>();
        if (bos) {
            tokens.add(Llama2cTokenizerJson.BOS);
        }
        if (!text.isEmpty()) {
            tokens.add(ids.get(" ")); // dummy prefix
        }
        text.codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            Integer id = ids.get(ch);
            if (id != null) {
                tokens.add(id);
            } else {
                for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                    tokens.add((b & 0xFF) + 3); // byte fallback: <0x00> is id 3
                }
            }
        });
        while (true) {
            float bestScore = -1e10f;
            int bestId = -1;
            int bestIdx = -1;
            for (int i = 0; i < tokens.size() - 1; i++) {
                Integer id = ids.get(vocab.pieces().get(tokens.get(i)) + vocab.pieces().get(tokens.get(i + 1)));
                if (id != null && vocab.scores()[id] > bestScore) {
                    bestScore = vocab.scores()[id];
                    bestId = id;
                    bestIdx = i;
                }
            }
            if (bestIdx == -1) {
                return tokens;
            }
            tokens.set(bestIdx, bestId);
            tokens.remove(bestIdx + 1);
        }
    }
}
