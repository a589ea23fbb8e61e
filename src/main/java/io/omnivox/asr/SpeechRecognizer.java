package io.omnivox.asr;

import java.util.List;

/**
 * Speech to text, with what SenseVoice also hears: language, emotion and audio events. Input clips are 16 kHz mono;
 * implementations are thread-safe and may be called concurrently.
 */
public interface SpeechRecognizer {

    /** The engine's name as health and responses report it, e.g. {@code sensevoice-onnx}. */
    String engine();

    /** Transcribes one utterance (at most a few tens of seconds; split longer audio with the VAD first). */
    default Transcript transcribe(RecognitionRequest request) {
        return transcribeAll(List.of(request)).get(0);
    }

    /** Transcribes several utterances, batched where the engine can; results in the same order. */
    List<Transcript> transcribeAll(List<RecognitionRequest> requests);
}
