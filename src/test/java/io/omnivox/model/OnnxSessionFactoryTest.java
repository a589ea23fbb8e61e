package io.omnivox.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/** The one session factory: accelerator first, CPU fallback with a reason, caching, metadata. */
class OnnxSessionFactoryTest {

    /** A tiny model: y = x * 2 over a dynamic axis, with metadata. */
    private static byte[] doubler() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("doubler");
        String x = g.input("x", OnnxDType.FLOAT, "batch", 3);
        g.output("y", g.op("Mul", x, g.scalarFloat(2f)), OnnxDType.FLOAT, "batch", 3);
        g.metadata("model_type", "doubler");
        g.metadata("scale", "2");
        return g.toBytes();
    }

    /** An accelerator whose native libraries are missing, as on a machine without CUDA. */
    private static final class BrokenAccelerator implements OnnxSessionFactory.Accelerator {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public ExecutionProvider provider() {
            return ExecutionProvider.CUDA;
        }

        @Override
        public void enable(OrtSession.SessionOptions options) throws OrtException {
            attempts.incrementAndGet();
            throw new OrtException("libcublasLt.so.12: cannot open shared object file");
        }
    }

    @Test
    void should_fall_back_to_cpu_and_say_why_when_the_accelerator_fails() {
        BrokenAccelerator cuda = new BrokenAccelerator();
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of(cuda));
                OnnxModel first = factory.load("a", doubler());
                OnnxModel second = factory.load("b", doubler())) {

            assertThat(first.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(second.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(factory.fallbackReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("CUDA", "libcublasLt.so.12"));
            assertThat(factory.preferredProvider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(cuda.attempts).as("a failed accelerator is not retried for every model").hasValue(1);
        }
    }

    @Test
    void should_use_the_accelerator_when_it_can_be_enabled() {
        OnnxSessionFactory.Accelerator working = new OnnxSessionFactory.Accelerator() {
            @Override
            public ExecutionProvider provider() {
                return ExecutionProvider.CUDA;
            }

            @Override
            public void enable(OrtSession.SessionOptions options) {
                // accepted: stands in for a machine where CUDA loads
            }
        };
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of(working));
                OnnxModel model = factory.load("a", doubler())) {

            assertThat(model.provider()).isEqualTo(ExecutionProvider.CUDA);
            assertThat(factory.fallbackReason()).isEmpty();
        }
    }

    @Test
    void should_report_cpu_before_any_session_when_the_build_has_no_cuda_provider() {
        boolean cudaBuild = ai.onnxruntime.OrtEnvironment.getAvailableProviders()
                .contains(ai.onnxruntime.OrtProvider.CUDA);
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT,
                List.of(OnnxSessionFactory.cuda(0)))) {
            if (cudaBuild) {
                assertThat(factory.preferredProvider()).isEqualTo(ExecutionProvider.CUDA);
            } else {
                assertThat(factory.preferredProvider()).isEqualTo(ExecutionProvider.CPU);
                assertThat(factory.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("-Pgpu"));
            }
        }
    }

    @Test
    void should_run_on_cuda_or_explain_the_fallback_when_trying_the_real_cuda_provider() {
        try (OnnxSessionFactory factory = new OnnxSessionFactory(new OnnxSessionFactory.Threads(1, 1),
                List.of(OnnxSessionFactory.cuda(0)));
                OnnxModel model = factory.load("a", doubler())) {

            if (model.provider() == ExecutionProvider.CPU) {
                assertThat(factory.fallbackReason()).hasValueSatisfying(r -> assertThat(r).startsWith("CUDA"));
            } else {
                assertThat(factory.fallbackReason()).isEmpty();
            }
        }
    }

    @Test
    void should_expose_inputs_outputs_and_metadata_as_exported() {
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxModel model = factory.load("doubler", doubler())) {

            assertThat(model.inputs().get("x")).isEqualTo(new TensorSpec("x", "float32", new long[] { -1, 3 }));
            assertThat(model.outputs()).containsOnlyKeys("y");
            assertThat(model.metadata()).containsEntry("model_type", "doubler").containsEntry("scale", "2");
            assertThat(model.requireMetadata("scale")).isEqualTo("2");
            assertThatThrownBy(() -> model.requireMetadata("vocab_size"))
                    .isInstanceOf(ModelException.class).hasMessageContaining("vocab_size").hasMessageContaining("scale");
            assertThatThrownBy(() -> model.requireInput("speech"))
                    .isInstanceOf(ModelException.class).hasMessageContaining("[x]");
        }
    }

    @Test
    void should_cache_sessions_by_file_and_close_them_with_the_factory(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("doubler.onnx"), doubler());
        OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());

        OnnxModel first = factory.open(file);
        OnnxModel again = factory.open(dir.resolve(".").resolve("doubler.onnx"));
        factory.close();

        assertThat(again).isSameAs(first);
        assertThatThrownBy(() -> first.run(java.util.Map.of())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void should_name_the_path_when_a_model_file_is_missing(@TempDir Path dir) {
        try (OnnxSessionFactory factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of())) {
            assertThatThrownBy(() -> factory.open(dir.resolve("absent.onnx")))
                    .isInstanceOf(ModelException.class).hasMessageContaining("absent.onnx");
        }
    }
}
