package io.omnivox.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Makes the one {@link OnnxSessionFactory} of the application and closes its sessions on shutdown. */
@ApplicationScoped
public class OnnxRuntimeProducer {

    @Produces
    @ApplicationScoped
    OnnxSessionFactory sessionFactory(OnnxConfig config) {
        return OnnxSessionFactory.fromConfig(config);
    }

    void close(@Disposes OnnxSessionFactory factory) {
        factory.close();
    }
}
