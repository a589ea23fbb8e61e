package io.omnivox.ocr.got;

import java.util.Locale;
import java.util.OptionalLong;

import io.omnivox.model.tokenizer.TextTokenizer;
import io.omnivox.ocr.Box;
import io.omnivox.ocr.BoxColour;
import io.omnivox.ocr.OcrMode;

/**
 * GOT-OCR 2.0's prompt in the "mpt" conversation template, as token ids:
 * {@code <|im_start|>system\n…<|im_end|><|im_start|>user\n<img>} + {@code <imgpad>}×256×images +
 * {@code </img>\n} + instruction + {@code <|im_end|><|im_start|>assistant\n}. Text between special tokens is encoded
 * piece by piece, which is what a tokenizer does with added tokens anyway. Special ids come from the tokenizer, or the
 * documented Qwen/GOT ids when it does not know them.
 */
public final class GotPrompt {

    public static final String SYSTEM = "You should follow the instructions carefully and explain your answers in detail.";
    public static final int IMAGE_TOKENS = 256;

    public static final long IM_START = 151644;
    public static final long IM_END = 151645;
    public static final long IMG_START = 151857;
    public static final long IMG_END = 151858;
    public static final long IMG_PAD = 151859;

    /** Which instruction to give. */
    public enum Task {
        PLAIN("OCR: "),
        FORMAT("OCR with format: "),
        MULTI_CROP_PLAIN("OCR upon the patch reference: "),
        MULTI_CROP_FORMAT("OCR with format upon the patch reference: "),
        MULTI_PAGE_FORMAT("OCR with format across multi pages: ");

        private final String instruction;

        Task(String instruction) {
            this.instruction = instruction;
        }

        public String instruction() {
            return instruction;
        }

        /** The single-image or multi-crop task for an output mode. */
        public static Task of(OcrMode mode, boolean multiCrop) {
            boolean format = mode == OcrMode.FORMAT;
            if (multiCrop) {
                return format ? MULTI_CROP_FORMAT : MULTI_CROP_PLAIN;
            }
            return format ? FORMAT : PLAIN;
        }
    }

    private final TextTokenizer tokenizer;
    private final long imStart;
    private final long imEnd;
    private final long imgStart;
    private final long imgEnd;
    private final long imgPad;

    public GotPrompt(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.imStart = special(tokenizer, "<|im_start|>", IM_START);
        this.imEnd = special(tokenizer, "<|im_end|>", IM_END);
        this.imgStart = special(tokenizer, "<img>", IMG_START);
        this.imgEnd = special(tokenizer, "</img>", IMG_END);
        this.imgPad = special(tokenizer, "<imgpad>", IMG_PAD);
    }

    private static long special(TextTokenizer tokenizer, String token, long fallback) {
        OptionalLong id = tokenizer.tokenId(token);
        return id.isPresent() ? id.getAsLong() : fallback;
    }

    /** The id of {@code <imgpad>}, whose positions receive the image embeddings. */
    public long imagePadId() {
        return imgPad;
    }

    /** The stop token, {@code <|im_end|>}. */
    public long stopId() {
        return imEnd;
    }

    /** The instruction text: the task's, prefixed by the box for a fine-grained region. */
    public static String instruction(Task task, Box region, int imageWidth, int imageHeight) {
        if (region == null) {
            return task.instruction();
        }
        return regionPrefix(region, imageWidth, imageHeight) + " " + task.instruction();
    }

    /** The instruction for the colour-guided mode: {@code [red] OCR: } and so on. */
    public static String instruction(Task task, BoxColour colour) {
        return "[" + colour.promptName() + "] " + task.instruction();
    }

    /** {@code [x1, y1, x2, y2]} in 0–1000 coordinates relative to the image size, as upstream GOT writes it ({@code str(box)} of a Python list, hence the spaces). */
    public static String regionPrefix(Box region, int imageWidth, int imageHeight) {
        int x1 = scale(region.x(), imageWidth);
        int y1 = scale(region.y(), imageHeight);
        int x2 = scale(region.x() + region.width(), imageWidth);
        int y2 = scale(region.y() + region.height(), imageHeight);
        return String.format(Locale.ROOT, "[%d, %d, %d, %d]", x1, y1, x2, y2);
    }

    private static int scale(int value, int size) {
        int clamped = Math.max(0, Math.min(value, size));
        return (int) ((long) clamped * 1000 / size);
    }

    /** The prompt's token ids for {@code images} images (tiles) and an instruction text. */
    public long[] ids(int images, String instruction) {
        LongList ids = new LongList();
        ids.add(imStart);
        ids.addAll(tokenizer.encode("system\n" + SYSTEM));
        ids.add(imEnd);
        ids.add(imStart);
        ids.addAll(tokenizer.encode("user\n"));
        ids.add(imgStart);
        for (int i = 0; i < IMAGE_TOKENS * images; i++) {
            ids.add(imgPad);
        }
        ids.add(imgEnd);
        ids.addAll(tokenizer.encode("\n" + instruction));
        ids.add(imEnd);
        ids.add(imStart);
        ids.addAll(tokenizer.encode("assistant\n"));
        return ids.toArray();
    }

    private static final class LongList {
        private long[] values = new long[512];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(long[] more) {
            for (long v : more) {
                add(v);
            }
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
