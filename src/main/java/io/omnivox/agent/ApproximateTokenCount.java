package io.omnivox.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * Token counts for the memory window without a tokenizer: about four characters per token for alphabetic text and
 * one token per CJK character, the usual ratios of BPE vocabularies such as Qwen's and OpenAI's. The memory window
 * needs a stable, slightly pessimistic estimate, not an exact count; the model's own context check is exact.
 */
final class ApproximateTokenCount implements TokenCountEstimator {

    /** Role markers and separators around every message. */
    private static final int PER_MESSAGE = 4;

    @Override
    public int estimateTokenCountInText(String text) {
        if (text == null) {
            return 0;
        }
        int cjk = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(text.charAt(i));
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
                cjk++;
            } else {
                other++;
            }
        }
        return cjk + (other + 3) / 4;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        String text = switch (message) {
            case UserMessage user -> user.hasSingleText() ? user.singleText() : user.contents().toString();
            case AiMessage ai -> (ai.text() == null ? "" : ai.text())
                    + (ai.hasToolExecutionRequests() ? ai.toolExecutionRequests().toString() : "");
            case SystemMessage system -> system.text();
            case ToolExecutionResultMessage tool -> tool.text();
            default -> message.toString();
        };
        return PER_MESSAGE + estimateTokenCountInText(text);
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage message : messages) {
            total += estimateTokenCountInMessage(message);
        }
        return total;
    }
}
