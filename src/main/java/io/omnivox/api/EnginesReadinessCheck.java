package io.omnivox.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.omnivox.model.EngineReporter;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;

/**
 * Readiness lists every engine and model with its state. Missing weights do not make the service unready: each
 * capability then runs on its fallback, and the state says so.
 */
@Readiness
@ApplicationScoped
public class EnginesReadinessCheck implements HealthCheck {

    private final ModelCatalog models;
    private final Instance<EngineReporter> reporters;
    private final OnnxSessionFactory onnx;

    public EnginesReadinessCheck(ModelCatalog models, Instance<EngineReporter> reporters, OnnxSessionFactory onnx) {
        this.models = models;
        this.reporters = reporters;
        this.onnx = onnx;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engines").up();
        response.withData("onnx.provider", onnx.preferredProvider().name().toLowerCase());
        onnx.fallbackReason().ifPresent(reason -> response.withData("onnx.fallback", reason));
        for (EngineReporter reporter : reporters) {
            reporter.engines().forEach(e -> response.withData("engine." + e.capability(),
                    e.engine() + ": " + e.state() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")")));
        }
        models.statuses().forEach(s -> response.withData("model." + s.manifest().name(), s.state().label()));
        return response.build();
    }
}
