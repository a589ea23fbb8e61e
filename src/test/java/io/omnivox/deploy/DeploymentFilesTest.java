package io.omnivox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files under {@code deploy/} read as a cluster would and checked against the app: several replicas
 * with probes on the health endpoints, the port the app listens on, PostgreSQL as the database, a password from a
 * Secret, sticky WebSocket sessions, shared volumes that exist and are ReadWriteMany, and images that run as a user
 * with a health check. A change to the app's port, say, fails here rather than in a cluster.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static List<Map<String, Object>> resources;
    private static int appPort;

    @BeforeAll
    static void load() throws IOException {
        resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(in)) {
                        assertThat(document).as("%s holds YAML mappings", file).isInstanceOf(Map.class);
                        resources.add(map(document));
                    }
                }
            }
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        appPort = Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    @Test
    void should_run_several_replicas_with_probes_on_the_health_endpoints_at_the_apps_port() {
        Map<String, Object> deployment = one("Deployment", "omnivox");
        assertThat((Integer) at(deployment, "spec", "replicas")).as("replicas").isGreaterThan(1);
        Map<String, Object> container = omnivoxContainer();
        List<Map<String, Object>> ports = list(container.get("ports"));
        assertThat(ports).as("container ports").singleElement()
                .satisfies(port -> assertThat(port.get("containerPort")).isEqualTo(appPort));
        String portName = (String) ports.get(0).get("name");

        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> get = map(at(container, probe, "httpGet"));
            assertThat((String) get.get("path")).as(probe).startsWith("/q/health/");
            assertThat(get.get("port")).as("%s port", probe).isIn(portName, appPort);
        }
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(map(at(container, "resources", "requests"))).containsKeys("cpu", "memory");
        assertThat(map(at(container, "resources", "limits"))).containsKey("memory");
    }

    @Test
    void should_use_postgresql_and_milvus_with_the_password_from_a_secret() {
        Map<String, String> env = environment();
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_DB_KIND", "postgresql");
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://");
        assertThat(env).containsEntry("OMNIVOX_RAG_STORE", "milvus");
        assertThat(env).as("memory shared through the database between replicas")
                .containsEntry("OMNIVOX_AGENT_MEMORY_WRITE_BEHIND", "false");
        assertThat(env.get("OMNIVOX_RAG_MILVUS_URI")).startsWith("http");

        Map<String, Object> password = list(omnivoxContainer().get("env")).stream()
                .filter(e -> "QUARKUS_DATASOURCE_PASSWORD".equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(password).as("the password is never written in the manifest").doesNotContainKey("value");
        String secret = (String) at(password, "valueFrom", "secretKeyRef", "name");
        String key = (String) at(password, "valueFrom", "secretKeyRef", "key");
        assertThat(map(one("Secret", secret).get("stringData"))).containsKey(key);
        // each replica names itself after its pod, so a job's claim says which pod holds it
        assertThat(list(omnivoxContainer().get("env"))).anySatisfy(e -> {
            assertThat(e.get("name")).isEqualTo("OMNIVOX_REPLICA_ID");
            assertThat(at(e, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
        });
    }

    @Test
    void should_keep_websocket_sessions_on_one_replica() {
        Map<String, Object> service = one("Service", "omnivox");
        assertThat(map(at(one("Deployment", "omnivox"), "spec", "template", "metadata", "labels")))
                .as("the Service selects the Deployment's pods")
                .containsAllEntriesOf(map(at(service, "spec", "selector")));
        assertThat(at(service, "spec", "sessionAffinity")).isEqualTo("ClientIP");
        Map<String, Object> port = list(at(service, "spec", "ports")).get(0);
        assertThat(port.get("targetPort")).isIn(list(omnivoxContainer().get("ports")).get(0).get("name"), appPort);

        Map<String, Object> annotations = map(at(one("Ingress", "omnivox"), "metadata", "annotations"));
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
        assertThat(Integer.parseInt((String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("seconds a quiet WebSocket stays open").isGreaterThanOrEqualTo(300);
    }

    @Test
    void should_share_files_and_weights_between_replicas_on_read_write_many_volumes() {
        Map<String, Object> pod = map(at(one("Deployment", "omnivox"), "spec", "template", "spec"));
        Map<String, String> mounts = new java.util.HashMap<>();
        list(omnivoxContainer().get("volumeMounts")).forEach(m -> mounts.put((String) m.get("mountPath"),
                (String) m.get("name")));
        for (String path : List.of("/var/lib/omnivox", "/models")) {
            String volume = mounts.get(path);
            assertThat(volume).as("a volume at %s", path).isNotNull();
            String claim = (String) list(pod.get("volumes")).stream().filter(v -> volume.equals(v.get("name")))
                    .findFirst().map(v -> at(v, "persistentVolumeClaim", "claimName")).orElseThrow();
            assertThat(strings(at(one("PersistentVolumeClaim", claim), "spec", "accessModes")))
                    .as("claim %s", claim).contains("ReadWriteMany");
        }
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
    }

    @Test
    void should_list_every_manifest_in_the_kustomization() throws IOException {
        Map<String, Object> kustomization = resources.stream().filter(r -> "Kustomization".equals(r.get("kind")))
                .findFirst().orElseThrow();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            List<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
            assertThat(strings(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void should_build_images_that_expose_the_apps_port_run_as_a_user_and_check_readiness() throws IOException {
        for (String name : List.of("Containerfile", "Containerfile.cuda")) {
            String file = Files.readString(DEPLOY.resolve(name));
            assertThat(instruction(file, "EXPOSE")).as("%s EXPOSE", name).isEqualTo(String.valueOf(appPort));
            String user = instruction(file, "USER");
            assertThat(user).as("%s USER", name).isNotBlank().isNotIn("root", "0");
            assertThat(file).as(name).contains("HEALTHCHECK").contains("localhost:" + appPort + "/q/health/ready")
                    .contains("VOLUME").contains("/models").contains("/var/lib/omnivox")
                    .contains("quarkus-run.jar");
        }
        String cuda = Files.readString(DEPLOY.resolve("Containerfile.cuda"));
        assertThat(instruction(cuda, "ARG")).startsWith("CUDA_IMAGE=").contains("nvidia/cuda").contains("cudnn");
        assertThat(cuda).contains("-Pgpu");
        // the pom's gpu profile is what -Pgpu selects: make sure it still switches ONNX Runtime to the GPU build
        assertThat(Files.readString(Path.of("pom.xml"))).containsPattern(
                "<id>gpu</id>\\s*<properties>\\s*<onnxruntime.artifact>onnxruntime_gpu</onnxruntime.artifact>");
    }

    // --- reading ------------------------------------------------------------------------------------------------

    private static Map<String, Object> one(String kind, String name) {
        List<Map<String, Object>> found = resources.stream().filter(r -> kind.equals(r.get("kind"))
                && name.equals(at(r, "metadata", "name"))).toList();
        assertThat(found).as("one %s named %s under deploy/k8s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> omnivoxContainer() {
        return list(at(one("Deployment", "omnivox"), "spec", "template", "spec", "containers")).stream()
                .filter(c -> "omnivox".equals(c.get("name"))).findFirst().orElseThrow();
    }

    /** The container's environment: ConfigMap entries it imports, then its own literal values. */
    private static Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>();
        Map<String, Object> container = omnivoxContainer();
        for (Map<String, Object> from : list(container.getOrDefault("envFrom", List.of()))) {
            String configMap = (String) at(from, "configMapRef", "name");
            if (configMap != null) {
                map(one("ConfigMap", configMap).get("data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> e : list(container.getOrDefault("env", List.of()))) {
            if (e.containsKey("value")) {
                env.put((String) e.get("name"), String.valueOf(e.get("value")));
            }
        }
        return env;
    }

    /** The argument of the first {@code keyword} line of a Containerfile. */
    private static String instruction(String containerfile, String keyword) {
        Matcher m = Pattern.compile("(?m)^" + keyword + "\\s+(\\S+)").matcher(containerfile);
        assertThat(m.find()).as("a %s line", keyword).isTrue();
        return m.group(1);
    }

    private static Object at(Object node, String... path) {
        Object here = node;
        for (String key : path) {
            if (!(here instanceof Map<?, ?> m)) {
                return null;
            }
            here = m.get(key);
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<String> strings(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return ((List<Object>) node).stream().filter(Objects::nonNull).map(DeploymentFilesTest::map).toList();
    }
}
