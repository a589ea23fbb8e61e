package io.omnivox.rag;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.asr.TranscriptionResult;
import io.omnivox.document.DocumentBuilder;
import io.omnivox.document.ParsedDocument;

/**
 * Lays a transcript out as a document for retrieval: page {@code n} holds what was said from {@code (n-1)·window}
 * to {@code n·window} seconds, headed by that time range, each speech segment on its own line with its start time.
 * A passage's page and section then say where in the recording it was heard (e.g. page 3, {@code 02:00–03:00}).
 * Windows without speech stay as empty pages, so page numbers keep mapping to time.
 */
final class TranscriptPages {

    /** The format reported for transcribed recordings. */
    static final String FORMAT = "audio";

    private final int windowSeconds;

    /** @param windowSeconds seconds per page, at least 1 */
    TranscriptPages(int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("a page needs at least one second, got " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
    }

    ParsedDocument layout(TranscriptionResult transcript, String title) {
        int pages = Math.max(1, (int) Math.ceil(transcript.durationSeconds() / windowSeconds));
        List<List<TranscriptionResult.Segment>> windows = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            windows.add(new ArrayList<>());
        }
        for (TranscriptionResult.Segment segment : transcript.segments()) {
            if (!segment.transcript().text().isBlank()) {
                windows.get(Math.clamp((int) (segment.start() / windowSeconds), 0, pages - 1)).add(segment);
            }
        }
        // The builder's page limit is the window count itself: the duration limit of decoding already bounds it.
        DocumentBuilder builder = new DocumentBuilder(pages);
        for (int i = 0; i < pages; i++) {
            builder.newPage();
            if (windows.get(i).isEmpty()) {
                continue;
            }
            builder.heading(1, clock(i * windowSeconds) + "–" + clock(Math.min((i + 1) * windowSeconds,
                    Math.ceil(transcript.durationSeconds()))));
            for (TranscriptionResult.Segment segment : windows.get(i)) {
                builder.paragraph("[" + clock(segment.start()) + "] " + segment.transcript().text().strip());
            }
        }
        return builder.build(title, FORMAT);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(double seconds) {
        long total = (long) Math.floor(Math.max(0, seconds));
        long h = total / 3600;
        long m = total % 3600 / 60;
        long s = total % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", m, s);
    }
}
