package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * {@link OnnxFlowEstimator} on {@link CosyVoiceFixtures#estimator()}, a graph with the public export's exact inputs
 * ({@code x, mask, mu, t, spks, cond}, batch fixed at 2) and output ({@code estimator_out}) computing a known formula.
 */
class OnnxFlowEstimatorTest {

    private static final int BINS = FlowMatchingSolver.MEL_BINS;
    private static OnnxSessionFactory factory;

    @BeforeAll
    static void openFactory() {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
    }

    @AfterAll
    static void closeFactory() {
        factory.close();
    }

    /** The fixture on a model this test hands over: closing the estimator closes it. */
    private static OnnxFlowEstimator fixture() {
        return new OnnxFlowEstimator(factory.load("estimator-fixture", CosyVoiceFixtures.estimator()));
    }

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void should_feed_every_input_by_name_when_estimating() {
        int frames = 7;
        int n = 2 * BINS * frames;
        Random random = new Random(11);
        float[] x = random(random, n);
        float[] mask = new float[2 * frames];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0f : 1f;
        }
        float[] mu = random(random, n);
        float[] spks = random(random, 2 * BINS);
        float[] cond = random(random, n);

        float[] v;
        try (OnnxFlowEstimator estimator = fixture()) {
            assertThat(estimator.batch()).isEqualTo(2);
            v = estimator.estimate(x, mask, mu, 0.37f, spks, cond, 2, frames);
        }

        float[] expected = CosyVoiceFixtures.estimatorReference(x, mask, mu, 0.37f, spks, cond, 2, frames);
        assertThat(v).containsExactly(expected, within(1e-5f));
    }

    @Test
    void should_give_the_same_mel_as_the_java_field_when_the_solver_runs_on_the_onnx_estimator() {
        int frames = 9;
        Random random = new Random(12);
        float[] mu = random(random, BINS * frames);
        float[] spks = random(random, BINS);
        float[] cond = new float[BINS * frames];
        for (int c = 0; c < BINS; c++) {
            for (int f = 0; f < 3; f++) { // a three-frame "prompt"
                cond[c * frames + f] = (float) random.nextGaussian();
            }
        }
        FlowNoise noise = new FlowNoise(3);
        float[] viaJava = new FlowMatchingSolver(CosyVoiceFixtures::estimatorReference,
                FlowMatchingSolver.Settings.DEFAULTS).solve(mu, spks, cond, frames, noise);

        float[] viaOnnx;
        try (OnnxFlowEstimator estimator = fixture()) {
            viaOnnx = new FlowMatchingSolver(estimator, FlowMatchingSolver.Settings.DEFAULTS)
                    .solve(mu, spks, cond, frames, noise);
        }

        // Both evaluate the same float32 operations in the same order: measured bit-identical.
        assertThat(viaOnnx).containsExactly(viaJava, within(1e-5f));
    }

    @Test
    void should_leave_the_session_to_the_factory_when_opened_from_the_model_directory(@TempDir Path dir)
            throws IOException {
        Files.write(dir.resolve(OnnxFlowEstimator.FILE), CosyVoiceFixtures.estimator());
        float[] x = new float[2 * BINS];
        float[] mask = {1, 1};

        try (OnnxFlowEstimator first = OnnxFlowEstimator.open(factory, dir)) {
            first.estimate(x, mask, x, 0f, new float[2 * BINS], x, 2, 1);
        }
        try (OnnxFlowEstimator second = OnnxFlowEstimator.open(factory, dir)) {
            // 10·t with t = 0.5: the shared session still runs after the first wrapper was closed.
            assertThat(second.estimate(x, mask, x, 0.5f, new float[2 * BINS], x, 2, 1)).containsOnly(5f);
        }
    }

    @Test
    void should_refuse_a_batch_when_the_export_fixes_another() {
        try (OnnxFlowEstimator estimator = fixture()) {
            float[] x = new float[BINS];

            assertThatThrownBy(() -> estimator.estimate(x, new float[1], x, 0f, new float[BINS], x, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch of 2");
        }
    }

    @Test
    void should_name_the_missing_input_when_the_graph_is_not_the_estimator() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("not-an-estimator");
        String x = g.input("x", OnnxDType.FLOAT, 2, BINS, "seq_len");
        g.output("estimator_out", g.op("Identity", x), OnnxDType.FLOAT, 2, BINS, "seq_len");

        try (OnnxModel model = factory.load("bad", g.toBytes())) {
            assertThatThrownBy(() -> new OnnxFlowEstimator(model))
                    .isInstanceOf(ModelException.class).hasMessageContaining("mask").hasMessageContaining("found none");
        }
    }
}
