package io.omnivox.persistence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This process among the replicas that share one database: the name it writes next to the work it claims (studio
 * jobs), so a claim says who holds it. {@code omnivox.replica-id} sets it (a Kubernetes pod's name is a good one);
 * unset, it is the host name and process id, which differ between two processes on one host and between a process and
 * its restart, so a restarted replica never mistakes a dead process's claims for its own.
 */
@ApplicationScoped
public class Replica {

    private static final Logger LOG = Logger.getLogger(Replica.class);
    /** Longest id the database keeps ({@code jobs.claimed_by}). */
    static final int MAX_LENGTH = 128;

    private final String id;

    Replica(@ConfigProperty(name = "omnivox.replica-id") Optional<String> configured) {
        this.id = of(configured);
        LOG.infof("Replica id: %s", id);
    }

    /** This replica's id: at most 128 characters, never blank. */
    public String id() {
        return id;
    }

    /** The configured id when there is one, else host name and process id (a random id when the host has no name). */
    static String of(Optional<String> configured) {
        String id = configured.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(Replica::hostAndPid);
        return id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
