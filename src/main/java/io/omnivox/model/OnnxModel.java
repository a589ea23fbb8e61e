package io.omnivox.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One loaded ONNX model: its session, the provider it runs on, its declared inputs/outputs and its
 * {@code metadata_props}. Thread-safe for {@link #run}: ONNX Runtime sessions may be run concurrently.
 * Closing is idempotent and closes the session before its options.
 */
public final class OnnxModel implements AutoCloseable {

    private final String name;
    private final OrtSession session;
    private final OrtSession.SessionOptions options;
    private final ExecutionProvider provider;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final Map<String, String> metadata;
    private boolean closed;

    OnnxModel(String name, OrtSession session, OrtSession.SessionOptions options, ExecutionProvider provider)
            throws OrtException {
        this.name = name;
        this.session = session;
        this.options = options;
        this.provider = provider;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    /** A short name for logs and errors (usually the file name). */
    public String name() {
        return name;
    }

    /** The execution provider this session was created with. */
    public ExecutionProvider provider() {
        return provider;
    }

    /** Declared inputs in graph order. */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    /** Declared outputs in graph order. */
    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /** The model's {@code metadata_props}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** A required metadata value; fails with the model's name and the missing key. */
    public String requireMetadata(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new ModelException("Model " + name + " lacks the metadata key '" + key
                    + "' (present: " + metadata.keySet() + "); is this the expected export?");
        }
        return value;
    }

    /** The spec of a required input; fails naming the inputs the model does have. */
    public TensorSpec requireInput(String input) {
        TensorSpec spec = inputs.get(input);
        if (spec == null) {
            throw new ModelException("Model " + name + " has no input '" + input + "' (inputs: " + inputs.keySet() + ")");
        }
        return spec;
    }

    /** Runs the model; the caller owns (and must close) the result. */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> feeds) {
        try {
            return session.run(feeds);
        } catch (OrtException e) {
            throw new ModelException("Running " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable resource : new AutoCloseable[] { session, options }) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new ModelException("Closing " + name + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> nodes) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        nodes.forEach((key, node) -> {
            if (node.getInfo() instanceof TensorInfo info) {
                specs.put(key, new TensorSpec(key, typeName(info.type), info.getShape()));
            } else {
                specs.put(key, new TensorSpec(key, node.getInfo().toString(), new long[0]));
            }
        });
        return Collections.unmodifiableMap(specs);
    }

    /** Element type names as manifests and design docs write them. */
    static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case STRING -> "string";
            default -> type.name().toLowerCase();
        };
    }
}
