package io.omnivox.asr;

import java.util.EnumMap;
import java.util.Map;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;

/**
 * What a SenseVoice export declares in its {@code metadata_props} (sherpa-onnx layout): LFR window, CMVN statistics,
 * language and text-normalisation ids, vocabulary size. Read at load time; nothing here is hard-coded.
 */
record SenseVoiceMetadata(int lfrWindowSize, int lfrWindowShift, boolean normalizeSamples, float[] negMean,
        float[] invStddev, int vocabSize, Map<Language, Integer> languageIds, int withItn, int withoutItn) {

    static SenseVoiceMetadata read(OnnxModel model) {
        String type = model.requireMetadata("model_type");
        if (!type.equals("sense_voice_ctc")) {
            throw new ModelException("Model " + model.name() + " is a '" + type + "', not a SenseVoice CTC export");
        }
        Map<Language, Integer> languages = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            languages.put(language, integer(model, "lang_" + language.code()));
        }
        return new SenseVoiceMetadata(integer(model, "lfr_window_size"), integer(model, "lfr_window_shift"),
                integer(model, "normalize_samples") != 0, floats(model, "neg_mean"), floats(model, "inv_stddev"),
                integer(model, "vocab_size"), languages, integer(model, "with_itn"), integer(model, "without_itn"));
    }

    int languageId(Language language) {
        return languageIds.get(language);
    }

    private static int integer(OnnxModel model, String key) {
        String value = model.requireMetadata(key);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ModelException("Model " + model.name() + ": metadata " + key + " should be an integer, got '"
                    + value + "'");
        }
    }

    private static float[] floats(OnnxModel model, String key) {
        String[] parts = model.requireMetadata(key).split(",");
        float[] values = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Float.parseFloat(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new ModelException("Model " + model.name() + ": metadata " + key
                    + " should be comma-separated numbers: " + e.getMessage());
        }
        return values;
    }
}
