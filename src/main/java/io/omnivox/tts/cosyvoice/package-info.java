/**
 * The numeric parts of CosyVoice 2 text-to-speech that run in Java around the ONNX graphs
 * ({@code models/cosyvoice2.yaml}, recipe {@code models/export/cosyvoice2.md}):
 * <ul>
 * <li>{@link io.omnivox.tts.cosyvoice.FlowMatchingSolver}: the Euler loop of conditional flow matching (cosine time
 * grid, classifier-free guidance over the estimator's batch of 2), with {@link io.omnivox.tts.cosyvoice.FlowNoise}
 * for x₀ and {@link io.omnivox.tts.cosyvoice.OnnxFlowEstimator} for the public
 * {@code flow.decoder.estimator.fp32.onnx};</li>
 * <li>{@link io.omnivox.tts.cosyvoice.Stft} / {@link io.omnivox.tts.cosyvoice.InverseStft}: {@code torch.stft} /
 * {@code torch.istft} as HiFT uses them (n_fft 16, hop 4, periodic Hann, centred);</li>
 * <li>{@link io.omnivox.tts.cosyvoice.HiftVocoder}: the glue between the three HiFT graphs (F0, source, decoder), the
 * iSTFT and the ±0.99 clamp, one-shot or chunk by chunk with upstream's overlap cache;</li>
 * <li>the pipeline: {@link io.omnivox.tts.cosyvoice.CosyVoiceLlm} (embedding graphs + {@code llm.onnx} through the
 * generic decoder), {@link io.omnivox.tts.cosyvoice.CampPlus}, {@link io.omnivox.tts.cosyvoice.SpeechTokenizer} and
 * {@link io.omnivox.tts.cosyvoice.FlowMel} (the prompt front ends), {@link io.omnivox.tts.cosyvoice.CosyVoiceFlow}
 * (tokens → mel) and {@link io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer} (sentence-streaming
 * {@link io.omnivox.tts.SpeechSynthesizer} with preset and zero-shot {@link io.omnivox.tts.cosyvoice.VoicePrompt}s).</li>
 * </ul>
 */
package io.omnivox.tts.cosyvoice;
