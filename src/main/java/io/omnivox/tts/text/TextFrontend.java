package io.omnivox.tts.text;

import java.util.List;
import java.util.Objects;

/**
 * The text frontend every TTS engine runs its input through: validation, markup mapping ({@link Markup#map}),
 * normalisation ({@link TextNormalizer}, markup untouched) and cutting into chunks for streaming
 * ({@link SentenceSplitter}). CosyVoice takes {@link #prepare}; engines without non-verbal sounds (espeak-ng) take
 * {@link #preparePlain}. Immutable and thread-safe.
 */
public final class TextFrontend {

    /** OpenAI's limit on speech input, in characters. */
    public static final int DEFAULT_MAX_CHARACTERS = 4096;

    private final int maxCharacters;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final SentenceSplitter splitter;

    /** At most {@value #DEFAULT_MAX_CHARACTERS} characters, default chunk lengths. */
    public TextFrontend() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    /** At most {@code maxCharacters} characters (Unicode code points), default chunk lengths. */
    public TextFrontend(int maxCharacters) {
        this(maxCharacters, new SentenceSplitter());
    }

    public TextFrontend(int maxCharacters, SentenceSplitter splitter) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be positive, got " + maxCharacters);
        }
        this.maxCharacters = maxCharacters;
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    public int maxCharacters() {
        return maxCharacters;
    }

    /**
     * The chunks to synthesise, in order, with CosyVoice markup kept and ChatTTS markup mapped onto it.
     *
     * @param languageHint {@code zh}, {@code en}, or {@code null} / {@code auto}: see {@link TextNormalizer}
     * @return the chunks; empty when nothing speakable is left (the text held only unknown tags or punctuation)
     * @throws IllegalArgumentException when the text is null, blank or longer than {@link #maxCharacters()}
     */
    public List<String> prepare(String text, String languageHint) {
        validate(text);
        return splitter.split(normalizer.normalize(Markup.map(text), languageHint));
    }

    /** As {@link #prepare}, with all markup removed (the words inside {@code <strong>} kept). */
    public List<String> preparePlain(String text, String languageHint) {
        validate(text);
        return splitter.split(normalizer.normalize(Markup.stripForPlainEngines(text), languageHint));
    }

    private void validate(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text is empty: give at least one word to say");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxCharacters) {
            throw new IllegalArgumentException("text is " + length + " characters long, over the limit of "
                    + maxCharacters + " characters; split it into several requests");
        }
    }
}
