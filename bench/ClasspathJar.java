import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a manifest-only jar whose Class-Path lists the given class path (as Surefire does). ONNX Runtime 1.29's
 * native initialisation crashes the JVM when java.class.path is very long (about 270 entries here), so the benchmark
 * runs with a one-entry class path instead. Usage: java ClasspathJar.java OUT.jar CLASSPATH
 */
public class ClasspathJar {
    public static void main(String[] args) throws Exception {
        StringBuilder classPath = new StringBuilder();
        for (String entry : args[1].split(":")) {
            Path path = Path.of(entry).toAbsolutePath();
            classPath.append(path.toUri().toURL().toExternalForm()).append(Files.isDirectory(path) && !entry.endsWith("/") ? "/" : "").append(' ');
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().strip());
        try (JarOutputStream jar = new JarOutputStream(new FileOutputStream(args[0]), manifest)) {
            // the manifest is the whole content
        }
    }
}
