package io.omnivox.asr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SenseVoice starts every transcript with tags such as {@code <|en|><|HAPPY|><|Speech|><|withitn|>}: language,
 * emotion, audio event and whether ITN was applied. This sorts them into fields.
 */
public final class RichTags {

    static final Set<String> LANGUAGES = Set.of("zh", "en", "yue", "ja", "ko", "nospeech");
    static final Set<String> EMOTIONS = Set.of("HAPPY", "SAD", "ANGRY", "NEUTRAL", "FEARFUL", "DISGUSTED",
            "SURPRISED", "EMO_UNKNOWN");
    static final String WITH_ITN = "withitn";
    static final String WITHOUT_ITN = "woitn";

    /** The tags found, with defaults for any the model did not emit. */
    public record Tags(String language, String emotion, List<String> events, Boolean itn) {
    }

    private RichTags() {
    }

    /** True for a piece of the form {@code <|...|>}. */
    /**
     * Whether a piece is one of SentencePiece's control symbols ({@code <s>}, {@code </s>}, {@code <unk>}): the CTC
     * head can emit them, but they are not words.
     */
    public static boolean isControl(String piece) {
        return piece.equals("<s>") || piece.equals("</s>") || piece.equals("<unk>");
    }

    public static boolean isTag(String piece) {
        return piece.length() > 4 && piece.startsWith("<|") && piece.endsWith("|>");
    }

    /** Sorts the tag pieces (in order of appearance) into language, emotion, events and ITN. */
    public static Tags parse(List<String> tagPieces) {
        String language = "";
        String emotion = "EMO_UNKNOWN";
        Boolean itn = null;
        List<String> events = new ArrayList<>();
        for (String piece : tagPieces) {
            String tag = piece.substring(2, piece.length() - 2);
            if (LANGUAGES.contains(tag)) {
                language = tag;
            } else if (EMOTIONS.contains(tag)) {
                emotion = tag;
            } else if (WITH_ITN.equals(tag) || WITHOUT_ITN.equals(tag)) {
                itn = WITH_ITN.equals(tag);
            } else {
                events.add(tag);
            }
        }
        return new Tags(language, emotion, events, itn);
    }
}
