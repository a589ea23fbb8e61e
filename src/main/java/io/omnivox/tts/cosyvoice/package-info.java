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
 * iSTFT and the ±0.99 clamp, one-shot or chunk by chunk with upstream's overlap cache.</li>
 * </ul>
 */
package io.omnivox.tts.cosyvoice;
