package io.omnivox.imagegen;

/**
 * A prompt as the text encoder sees it: {@code BOS, tokens…, EOS, PAD…} of exactly the encoder's length (77 for CLIP).
 *
 * @param ids         the padded ids
 * @param kept        prompt tokens that fit (without BOS and EOS)
 * @param dropped     prompt tokens cut off at the end because the encoder takes no more; 0 when the prompt fit
 * @param droppedText the text of the dropped tokens, for telling the user what was ignored
 */
public record PromptTokens(long[] ids, int kept, int dropped, String droppedText) {

    /** Whether the prompt was longer than the text encoder allows and its end was ignored. */
    public boolean truncated() {
        return dropped > 0;
    }

    /** A sentence for the user when the prompt was cut, else empty. */
    public String truncationNotice() {
        return truncated()
                ? "Prompt truncated to " + kept + " tokens (the text encoder reads " + (ids.length - 2)
                        + "); ignored: \"" + droppedText.strip() + "\""
                : "";
    }
}
