package io.omnivox.testkit;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fluent builder for small ONNX models, so tests can create models with exact input/output
 * contracts at test time instead of checking in binaries.
 *
 * <p>Values are referred to by name. Every op returns the name of its (fresh, unique) output,
 * so graphs read like code:
 *
 * <pre>{@code
 * OnnxGraphBuilder g = new OnnxGraphBuilder("demo");
 * String x = g.input("x", OnnxDType.FLOAT, "batch", "seq", 4);
 * String w = g.initializer("w", new float[] {...}, 4, 2);
 * String y = g.op("MatMul", x, w);
 * String t = g.node("Transpose", y).ints("perm", 0, 2, 1).out();
 * g.output("y", t, OnnxDType.FLOAT, "batch", 2, "seq");
 * g.metadata("model_type", "demo");
 * byte[] model = g.toBytes();
 * }</pre>
 *
 * <p>Shapes are given as {@code Object...}: a {@link Number} is a fixed dim, a {@link String} a
 * symbolic (dynamic) dim, {@code null} an unknown dim. Small constants ({@link #constLongs},
 * {@link #scalarFloat}, ...) become {@code Constant} nodes like exporters emit; named weights go
 * to {@link #initializer}. {@link #build()} checks that every node input is defined before use,
 * which gives clearer errors than ONNX Runtime's loader.
 */
public final class OnnxGraphBuilder {

    /** Default opset of the ai.onnx domain (ONNX Runtime 1.29 supports newer ones too). */
    public static final int DEFAULT_OPSET = 17;

    private final String graphName;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Integer> opsets = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private Long irVersion;
    private String producerName = "omnivox-testkit";
    private String producerVersion = "1";
    private String docString;
    private String namePrefix = "";
    private int counter;

    /** A builder for a graph called {@code graphName}, importing the default ai.onnx opset. */
    public OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
        opsets.put("", DEFAULT_OPSET);
    }

    // ---------------------------------------------------------------- model-level settings

    /** Sets the ai.onnx opset version (default {@value #DEFAULT_OPSET}). */
    public OnnxGraphBuilder opset(int version) {
        return opset("", version);
    }

    /** Imports an operator domain, e.g. {@code opset("com.microsoft", 1)} for contrib ops. */
    public OnnxGraphBuilder opset(String domain, int version) {
        opsets.put(domain, version);
        return this;
    }

    /** Overrides the IR version; by default it is derived from the ai.onnx opset. */
    public OnnxGraphBuilder irVersion(long version) {
        this.irVersion = version;
        return this;
    }

    /** Sets {@code producer_name} and {@code producer_version}. */
    public OnnxGraphBuilder producer(String name, String version) {
        this.producerName = name;
        this.producerVersion = version;
        return this;
    }

    /** Sets the model's {@code doc_string}. */
    public OnnxGraphBuilder docString(String doc) {
        this.docString = doc;
        return this;
    }

    /** Adds (or replaces) a {@code metadata_props} entry; ORT exposes it as custom metadata. */
    public OnnxGraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds {@code metadata_props} entries from a map. */
    public OnnxGraphBuilder metadata(Map<String, String> entries) {
        metadata.putAll(entries);
        return this;
    }

    /**
     * Sets a prefix for generated node and value names (e.g. {@code "layers.3/"}), which makes
     * ORT error messages point at the right part of a big graph. Does not affect names given
     * explicitly.
     */
    public OnnxGraphBuilder namePrefix(String prefix) {
        this.namePrefix = prefix == null ? "" : prefix;
        return this;
    }

    // ---------------------------------------------------------------- inputs, outputs, weights

    /**
     * Declares a graph input and returns its name.
     *
     * @param dims per dimension: a {@link Number} (fixed), a {@link String} (symbolic) or {@code null}
     */
    public String input(String name, OnnxDType type, Object... dims) {
        claim(name);
        inputs.add(valueInfo(name, type, dims));
        return name;
    }

    /** Declares a graph output that is already produced under the name {@code name}. */
    public OnnxGraphBuilder output(String name, OnnxDType type, Object... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    /**
     * Exposes {@code value} as graph output {@code name}. If a node produced {@code value}, that
     * output is renamed (no extra node); a graph input or initializer is routed via {@code Identity}.
     */
    public String output(String name, String value, OnnxDType type, Object... dims) {
        if (!name.equals(value)) {
            rename(value, name);
        }
        output(name, type, dims);
        return name;
    }

    /** Adds a named float32 initializer (weights); returns its name. */
    public String initializer(String name, float[] data, long... dims) {
        return initializer(OnnxTensors.floats(name, data, dims));
    }

    /** Adds a named int64 initializer; returns its name. */
    public String initializer(String name, long[] data, long... dims) {
        return initializer(OnnxTensors.longs(name, data, dims));
    }

    /** Adds a named int32 initializer; returns its name. */
    public String initializer(String name, int[] data, long... dims) {
        return initializer(OnnxTensors.ints(name, data, dims));
    }

    /** Adds a prepared tensor as initializer; its name must be set and unused. */
    public String initializer(TensorProto tensor) {
        if (tensor.getName().isEmpty()) {
            throw new IllegalArgumentException("initializer needs a name");
        }
        claim(tensor.getName());
        initializers.add(tensor);
        return tensor.getName();
    }

    // ---------------------------------------------------------------- constants

    /** A {@code Constant} node holding {@code tensor} (its name is ignored); returns the value name. */
    public String constant(TensorProto tensor) {
        return node("Constant").attr("value", tensor.toBuilder().clearName().build()).out();
    }

    /** A 1-D float32 constant. */
    public String constFloats(float... values) {
        return constant(OnnxTensors.floats(null, values, values.length));
    }

    /** A 1-D int64 constant, the usual type for shapes, axes and indices. */
    public String constLongs(long... values) {
        return constant(OnnxTensors.longs(null, values, values.length));
    }

    /** A 1-D int32 constant. */
    public String constInts(int... values) {
        return constant(OnnxTensors.ints(null, values, values.length));
    }

    /** A float32 constant of any shape. */
    public String constFloats(float[] values, long... dims) {
        return constant(OnnxTensors.floats(null, values, dims));
    }

    /** A 0-D (scalar) float32 constant. */
    public String scalarFloat(float value) {
        return constant(OnnxTensors.floats(null, new float[] {value}));
    }

    /** A 0-D (scalar) int64 constant, e.g. for {@code Range} or scalar {@code Gather} indices. */
    public String scalarLong(long value) {
        return constant(OnnxTensors.longs(null, new long[] {value}));
    }

    // ---------------------------------------------------------------- nodes

    /** Adds a single-output node without attributes and returns its output name. */
    public String op(String opType, String... inputs) {
        return node(opType, inputs).out();
    }

    /**
     * Starts a node for ops that need attributes, several outputs or chosen names. Nothing is
     * added until one of the {@code out*} methods is called. Use {@code ""} for a skipped
     * optional input.
     */
    public Node node(String opType, String... inputs) {
        return new Node(opType, inputs);
    }

    /** A fresh unique value name starting with {@code hint}. */
    public String fresh(String hint) {
        String name;
        do {
            name = namePrefix + hint + "_" + counter++;
        } while (names.contains(name));
        return name;
    }

    /** One node under construction; see {@link OnnxGraphBuilder#node}. */
    public final class Node {
        private final NodeProto.Builder proto = NodeProto.newBuilder();

        private Node(String opType, String[] inputs) {
            proto.setOpType(opType);
            for (String in : inputs) {
                proto.addInput(in);
            }
        }

        /** Appends further inputs. */
        public Node inputs(String... more) {
            for (String in : more) {
                proto.addInput(in);
            }
            return this;
        }

        /** Operator domain, e.g. {@code "com.microsoft"} (import it with {@link #opset(String, int)}). */
        public Node domain(String domain) {
            proto.setDomain(domain);
            return this;
        }

        /** Explicit node name (defaults to a fresh one). */
        public Node name(String nodeName) {
            proto.setName(nodeName);
            return this;
        }

        /** An INT attribute. */
        public Node attr(String name, long value) {
            return add(AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value));
        }

        /** A FLOAT attribute. */
        public Node attr(String name, float value) {
            return add(AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value));
        }

        /** A FLOAT attribute given as double for convenience (stored as float32). */
        public Node attr(String name, double value) {
            return attr(name, (float) value);
        }

        /** A STRING attribute (UTF-8). */
        public Node attr(String name, String value) {
            return add(AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                    .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        }

        /** A TENSOR attribute. */
        public Node attr(String name, TensorProto value) {
            return add(AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value));
        }

        /** An INTS attribute, e.g. {@code perm} or {@code axes}. */
        public Node ints(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return add(a);
        }

        /** A FLOATS attribute. */
        public Node floats(String name, float... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
            for (float v : values) {
                a.addFloats(v);
            }
            return add(a);
        }

        /** A STRINGS attribute. */
        public Node strings(String name, String... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
            for (String v : values) {
                a.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
            }
            return add(a);
        }

        /** Adds the node with one fresh output and returns that output's name. */
        public String out() {
            return outs(1)[0];
        }

        /** Adds the node with one output called {@code outputName}. */
        public String out(String outputName) {
            return outs(new String[] {outputName})[0];
        }

        /** Adds the node with {@code count} fresh outputs (e.g. {@code Split}). */
        public String[] outs(int count) {
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = fresh(proto.getOpType());
            }
            return outs(out);
        }

        /** Adds the node with the given output names ({@code ""} skips an optional output). */
        public String[] outs(String... outputNames) {
            for (String name : outputNames) {
                if (!name.isEmpty()) {
                    claim(name);
                }
                proto.addOutput(name);
            }
            if (proto.getName().isEmpty()) {
                proto.setName(namePrefix + proto.getOpType() + "_node_" + counter++);
            }
            nodes.add(proto);
            return outputNames.clone();
        }

        private Node add(AttributeProto.Builder attribute) {
            proto.addAttribute(attribute);
            return this;
        }
    }

    // ---------------------------------------------------------------- output

    /** Builds the model, after checking that every node input is defined before it is used. */
    public ModelProto build() {
        checkTopology();
        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName)
                .addAllInput(inputs).addAllOutput(outputs).addAllInitializer(initializers);
        nodes.forEach(n -> graph.addNode(n.build()));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(irVersion != null ? irVersion : irVersionFor(opsets.get("")))
                .setProducerName(producerName).setProducerVersion(producerVersion)
                .setGraph(graph);
        if (docString != null) {
            model.setDocString(docString);
        }
        opsets.forEach((domain, version) -> model.addOpsetImport(
                OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
        metadata.forEach((k, v) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** The serialized model, ready for {@code OrtEnvironment.createSession(byte[])}. */
    public byte[] toBytes() {
        return build().toByteArray();
    }

    /** Writes the serialized model to {@code file} (parent folders are created) and returns it. */
    public Path save(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, toBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- internals

    /** IR version matching the ONNX release that introduced the opset, so older loaders accept it. */
    static long irVersionFor(int opset) {
        if (opset <= 8) {
            return 3;
        } else if (opset <= 10) {
            return 5;
        } else if (opset <= 12) {
            return 7;
        } else if (opset <= 18) {
            return 8;
        } else if (opset <= 20) {
            return 9;
        } else if (opset <= 22) {
            return 10;
        }
        return 11;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("value name already used: " + name);
        }
    }

    private void rename(String value, String newName) {
        for (NodeProto.Builder n : nodes) {
            for (int i = 0; i < n.getOutputCount(); i++) {
                if (n.getOutput(i).equals(value)) {
                    claim(newName);
                    n.setOutput(i, newName);
                    for (NodeProto.Builder consumer : nodes) {
                        for (int j = 0; j < consumer.getInputCount(); j++) {
                            if (consumer.getInput(j).equals(value)) {
                                consumer.setInput(j, newName);
                            }
                        }
                    }
                    return;
                }
            }
        }
        // Not produced by a node (graph input or initializer): keep it and route through Identity.
        node("Identity", value).out(newName);
    }

    private void checkTopology() {
        Set<String> defined = new HashSet<>();
        inputs.forEach(v -> defined.add(v.getName()));
        initializers.forEach(t -> defined.add(t.getName()));
        defined.add("");
        for (NodeProto.Builder n : nodes) {
            for (String in : n.getInputList()) {
                if (!defined.contains(in)) {
                    throw new IllegalStateException(
                            "node " + n.getName() + " (" + n.getOpType() + ") uses undefined value " + in);
                }
            }
            defined.addAll(n.getOutputList());
        }
        for (ValueInfoProto out : outputs) {
            if (!defined.contains(out.getName())) {
                throw new IllegalStateException("graph output " + out.getName() + " is never produced");
            }
        }
    }

    private static ValueInfoProto valueInfo(String name, OnnxDType type, Object[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else if (d instanceof String s) {
                dim.setDimParam(s);
            } else if (d != null) {
                throw new IllegalArgumentException("dim must be a Number, String or null: " + d);
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensorType = TypeProto.Tensor.newBuilder()
                .setElemType(type.code()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(tensorType)).build();
    }
}
