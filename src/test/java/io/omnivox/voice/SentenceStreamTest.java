package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnivox.tts.text.SentenceSplitter;

class SentenceStreamTest {

    /** Feeds {@code text} in pieces of {@code size} characters, recording after which piece each sentence came out. */
    private static List<String> feed(String text, int size, List<Integer> when) {
        SentenceStream stream = new SentenceStream(new SentenceSplitter());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            for (String sentence : stream.accept(text.substring(i, Math.min(text.length(), i + size)))) {
                out.add(sentence);
                when.add(i + size);
            }
        }
        out.addAll(stream.flush());
        return out;
    }

    @Test
    void should_release_each_sentence_once_the_next_one_starts() {
        String reply = "The tide turns at noon. The ferry leaves twenty minutes later. Bring a coat!";
        List<Integer> when = new ArrayList<>();

        List<String> sentences = feed(reply, 3, when);

        assertThat(sentences).containsExactly("The tide turns at noon.", "The ferry leaves twenty minutes later.",
                "Bring a coat!");
        // the first sentence leaves well before the reply is complete
        assertThat(when.get(0)).isLessThan(reply.indexOf("twenty"));
    }

    @Test
    void should_give_the_same_sentences_in_any_chunking_and_keep_words_whole() {
        String reply = "Dr. Smith arrives at 10.30 tomorrow. 潮水中午转向。渡轮二十分钟后出发。 OK, see you then.";
        List<String> whole = new SentenceSplitter().split(reply);

        for (int size : new int[] { 1, 2, 5, 17, reply.length() }) {
            assertThat(feed(reply, size, new ArrayList<>())).as("pieces of %d", size).isEqualTo(whole);
        }
    }

    @Test
    void should_flush_nothing_for_an_empty_reply() {
        SentenceStream stream = new SentenceStream(new SentenceSplitter());
        assertThat(stream.accept("")).isEmpty();
        assertThat(stream.flush()).isEmpty();
    }
}
