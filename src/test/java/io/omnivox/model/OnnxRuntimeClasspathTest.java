package io.omnivox.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Exactly one ONNX Runtime on the class path: LangChain4j's embedding modules bring an older one, and two copies load
 * two native libraries with undefined results.
 */
class OnnxRuntimeClasspathTest {

    @Test
    void should_have_exactly_one_onnx_runtime_on_the_class_path() throws Exception {
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources("ai/onnxruntime/OnnxRuntime.class"));

        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).toString()).containsPattern("onnxruntime(_gpu)?-1\\.29\\.0\\.jar");
    }
}
