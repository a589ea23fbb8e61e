package io.omnivox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphBuilderTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** y = x·W + b with dynamic batch/seq, plus the int64 shape of x as second output. */
    private static OnnxGraphBuilder affineGraph() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("affine").producer("testkit-test", "0.1");
        String x = g.input("x", OnnxDType.FLOAT, "batch", "seq", 3);
        String w = g.initializer("w", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        String y = g.op("Add", g.op("MatMul", x, w), g.constFloats(0.5f, -1f));
        String scaled = g.node("Mul", y, g.scalarFloat(2f)).out();
        g.output("y", scaled, OnnxDType.FLOAT, "batch", "seq", 2);
        g.output("x_shape", g.op("Shape", x), OnnxDType.INT64, 3);
        g.metadata("model_type", "affine").metadata("answer", "42");
        return g;
    }

    @Test
    void loadsInOrtWithDynamicAxesAndMetadata() throws Exception {
        try (OrtSession session = ENV.createSession(affineGraph().toBytes())) {
            Map<String, NodeInfo> in = session.getInputInfo();
            assertThat(in).containsOnlyKeys("x");
            TensorInfo x = (TensorInfo) in.get("x").getInfo();
            assertThat(x.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(x.getShape()).containsExactly(-1, -1, 3);
            assertThat(x.getDimensionNames()).containsExactly("batch", "seq", "");

            Map<String, NodeInfo> out = session.getOutputInfo();
            assertThat(out.keySet()).containsExactly("y", "x_shape");
            TensorInfo y = (TensorInfo) out.get("y").getInfo();
            assertThat(y.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(y.getShape()).containsExactly(-1, -1, 2);
            TensorInfo shape = (TensorInfo) out.get("x_shape").getInfo();
            assertThat(shape.type).isEqualTo(OnnxJavaType.INT64);
            assertThat(shape.getShape()).containsExactly(3);

            assertThat(session.getMetadata().getCustomMetadata())
                    .containsEntry("model_type", "affine").containsEntry("answer", "42");
            assertThat(session.getMetadata().getProducerName()).isEqualTo("testkit-test");
        }
    }

    @Test
    void computesExpectedNumbers() throws Exception {
        // x: batch 2, seq 1, features 3
        float[] xs = {1, 0, -1, 2, 1, 0};
        try (OrtSession session = ENV.createSession(affineGraph().toBytes());
                OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(xs), new long[] {2, 1, 3});
                OrtSession.Result r = session.run(Map.of("x", x))) {
            float[] y = ((OnnxTensor) r.get("y").orElseThrow()).getFloatBuffer().array();
            // row0: [1,0,-1]·W = [1-5, 2-6] = [-4,-4]; +b = [-3.5,-5]; *2 = [-7,-10]
            // row1: [2,1,0]·W = [2+3, 4+4] = [5,8]; +b = [5.5,7]; *2 = [11,14]
            assertThat(y).containsExactly(new float[] {-7, -10, 11, 14}, within(1e-6f));
            long[] shape = ((OnnxTensor) r.get("x_shape").orElseThrow()).getLongBuffer().array();
            assertThat(shape).containsExactly(2, 1, 3);
        }
    }

    @Test
    void attributesMultipleOutputsAndInt64Inputs(@TempDir Path dir) throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder("ids").opset(18);
        String ids = g.input("ids", OnnxDType.INT64, "batch", "seq");
        String mask = g.input("mask", OnnxDType.BOOL, "batch", "seq");
        String[] halves = g.node("Split", ids, g.constLongs(1, 2)).attr("axis", 1).outs(2);
        String asFloat = g.node("Cast", halves[1]).attr("to", OnnxDType.FLOAT.code()).out();
        g.output("right", asFloat, OnnxDType.FLOAT, "batch", null);
        g.output("left", halves[0], OnnxDType.INT64, "batch", 1);
        g.output("mask_out", mask, OnnxDType.BOOL, "batch", "seq");
        Path file = g.save(dir.resolve("m/ids.onnx"));
        assertThat(Files.size(file)).isPositive();

        try (OrtSession session = ENV.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(ENV, LongBuffer.wrap(new long[] {7, 8, 9}), new long[] {1, 3});
                OnnxTensor m = OnnxTensor.createTensor(ENV, new boolean[][] {{true, false, true}});
                OrtSession.Result r = session.run(Map.of("ids", in, "mask", m))) {
            assertThat(((OnnxTensor) r.get("left").orElseThrow()).getLongBuffer().array()).containsExactly(7);
            assertThat(((OnnxTensor) r.get("right").orElseThrow()).getFloatBuffer().array())
                    .containsExactly(8f, 9f);
            assertThat((boolean[][]) r.get("mask_out").orElseThrow().getValue())
                    .isEqualTo(new boolean[][] {{true, false, true}});
        }
    }

    @Test
    void rejectsUndefinedValuesAndDuplicateNames() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("bad");
        g.input("x", OnnxDType.FLOAT, 1);
        assertThatThrownBy(() -> g.input("x", OnnxDType.FLOAT, 1)).hasMessageContaining("already used");
        g.op("Relu", "nope");
        assertThatThrownBy(g::build).hasMessageContaining("undefined value nope");
    }
}
