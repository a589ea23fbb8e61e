package io.omnivox.asr;

import java.util.Locale;
import java.util.Optional;

/** Languages SenseVoice-Small knows, by ISO 639 code; {@code AUTO} lets the model detect it. */
public enum Language {
    AUTO("auto"), ZH("zh"), EN("en"), YUE("yue"), JA("ja"), KO("ko"), NOSPEECH("nospeech");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The language for an ISO code (case-insensitive, region ignored: {@code en-US} is {@code en}). */
    public static Optional<Language> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of(AUTO);
        }
        String base = code.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        for (Language language : values()) {
            if (language.code.equals(base)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
