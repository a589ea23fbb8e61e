package io.omnivox.asr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.omnivox.asr.CtcGreedyDecoder.CtcToken;
import io.omnivox.asr.Transcript.TimedToken;
import io.omnivox.model.OnnxModel;

/**
 * SenseVoice-Small on ONNX Runtime: Kaldi fbank → LFR → CMVN (from the model's metadata) → the model → greedy CTC →
 * pieces, with the leading rich tags parsed into language, emotion, events and ITN. Requests with the same language
 * and ITN setting are batched, shortest first, so padding stays small.
 */
public final class SenseVoiceRecognizer implements SpeechRecognizer {

    public static final String ENGINE = "sensevoice-onnx";
    private static final double FBANK_SHIFT_SECONDS = 0.010;

    private final SenseVoiceModel model;
    private final SenseVoiceMetadata metadata;
    private final SenseVoiceFrontend frontend;
    private final TokenTable tokens;
    private final CtcGreedyDecoder ctc = new CtcGreedyDecoder(0);
    private final int maxBatch;
    private final double frameSeconds;

    /**
     * @param onnx     the loaded model (owned by the session factory)
     * @param tokens   its {@code tokens.txt}
     * @param maxBatch most utterances per model call
     */
    public SenseVoiceRecognizer(OnnxModel onnx, TokenTable tokens, int maxBatch) {
        this.model = new SenseVoiceModel(onnx);
        this.metadata = SenseVoiceMetadata.read(onnx);
        this.frontend = new SenseVoiceFrontend(metadata.lfrWindowSize(), metadata.lfrWindowShift(),
                metadata.negMean(), metadata.invStddev());
        this.tokens = tokens;
        this.maxBatch = maxBatch;
        this.frameSeconds = FBANK_SHIFT_SECONDS * metadata.lfrWindowShift();
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public List<Transcript> transcribeAll(List<RecognitionRequest> requests) {
        List<float[][]> features = requests.stream().map(r -> frontend.features(r.audio().samples())).toList();
        Transcript[] results = new Transcript[requests.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            RecognitionRequest r = requests.get(i);
            if (features.get(i).length == 0) {
                // shorter than one 25 ms fbank frame: nothing the model could hear
                results[i] = new Transcript("", r.language() == Language.AUTO ? "" : r.language().code(),
                        "EMO_UNKNOWN", List.of(), r.itn(), List.of());
                continue;
            }
            groups.computeIfAbsent(r.language() + "/" + r.itn(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            group.sort(Comparator.comparingInt(i -> features.get(i).length));
            for (int from = 0; from < group.size(); from += maxBatch) {
                List<Integer> batch = group.subList(from, Math.min(group.size(), from + maxBatch));
                recognise(batch, requests, features, results);
            }
        }
        return Arrays.asList(results);
    }

    /** Exposed for tests: recognition from ready-made features, bypassing the audio front end. */
    List<Transcript> transcribeFeatures(List<float[][]> features, Language language, boolean itn) {
        SenseVoiceModel.Logits logits = model.run(features, metadata.languageId(language),
                itn ? metadata.withItn() : metadata.withoutItn());
        List<Transcript> transcripts = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            transcripts.add(decode(logits, i, features.get(i).length, language, itn));
        }
        return transcripts;
    }

    private void recognise(List<Integer> batch, List<RecognitionRequest> requests, List<float[][]> features,
            Transcript[] results) {
        RecognitionRequest first = requests.get(batch.get(0));
        List<float[][]> inputs = batch.stream().map(features::get).toList();
        List<Transcript> transcripts = transcribeFeatures(inputs, first.language(), first.itn());
        for (int k = 0; k < batch.size(); k++) {
            results[batch.get(k)] = transcripts.get(k);
        }
    }

    private Transcript decode(SenseVoiceModel.Logits logits, int item, int featureFrames, Language language,
            boolean itn) {
        int frames = Math.min(logits.frames(), featureFrames + SenseVoiceModel.QUERY_FRAMES);
        List<CtcToken> decoded = ctc.decode(logits.values(), logits.offset(item), frames, logits.vocab());
        List<String> tags = new ArrayList<>();
        List<TimedToken> pieces = new ArrayList<>();
        for (int k = 0; k < decoded.size(); k++) {
            CtcToken token = decoded.get(k);
            String piece = tokens.piece(token.id());
            if (RichTags.isControl(piece)) {
                continue;
            }
            if (RichTags.isTag(piece)) {
                // the rich tags come from the four query frames; a tag anywhere else is not text either
                if (token.frame() < SenseVoiceModel.QUERY_FRAMES) {
                    tags.add(piece);
                }
                continue;
            }
            double start = seconds(token.frame());
            double end = k + 1 < decoded.size() ? seconds(decoded.get(k + 1).frame()) : seconds(token.frame() + 1);
            pieces.add(new TimedToken(piece, start, Math.max(start, end)));
        }
        RichTags.Tags parsed = RichTags.parse(tags);
        String text = text(pieces);
        String lang = !parsed.language().isEmpty() ? parsed.language()
                : language == Language.AUTO ? "" : language.code();
        return new Transcript(text, lang, parsed.emotion(), parsed.events(), parsed.itn() == null ? itn : parsed.itn(),
                pieces.stream().map(p -> new TimedToken(p.text().replace(TokenTable.WORD_START, " "), p.start(),
                        p.end())).toList());
    }

    /** Seconds from the utterance start of an output frame (the query frames come first and take no time). */
    private double seconds(int frame) {
        return Math.max(0, frame - SenseVoiceModel.QUERY_FRAMES) * frameSeconds;
    }

    private static String text(List<TimedToken> pieces) {
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(p.text()));
        return text.toString().replace(TokenTable.WORD_START, " ").strip();
    }
}
