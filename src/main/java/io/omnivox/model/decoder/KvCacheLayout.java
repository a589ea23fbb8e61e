package io.omnivox.model.decoder;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * How a decoder export names and shapes its KV cache. Exporters differ (one tensor per layer and role, one stacked
 * tensor, split prefill/decode graphs), so the layout belongs to the model adapter, not to the generation loop.
 */
interface KvCacheLayout {

    /**
     * Adds the past tensors to {@code feeds}: from the state's previous result, or empty tensors before the first step.
     * Tensors this method creates are added to {@code created} so the caller can close them after the run.
     */
    void addPast(OrtEnvironment env, DecoderState state, Map<String, OnnxTensorLike> feeds,
            Map<String, OnnxTensor> created) throws OrtException;
}
