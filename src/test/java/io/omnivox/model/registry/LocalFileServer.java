package io.omnivox.model.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on 127.0.0.1 that serves one file, for testing downloads without the network. It honours
 * {@code Range: bytes=N-} (206 with {@code Content-Range}) like a model host or CDN does, answers 404 for every other
 * path, records what each request asked for, and can cut the connection part-way through a response to imitate a
 * dropped download.
 */
final class LocalFileServer implements AutoCloseable {

    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final String path;
    private final byte[] content;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Body bytes after which the next response is cut; -1 when no cut is pending. */
    private final AtomicLong cutAfter = new AtomicLong(-1);

    private LocalFileServer(String path, byte[] content) throws IOException {
        this.path = path;
        this.content = content;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server that serves {@code content} at {@code path} (which starts with '/'). */
    static LocalFileServer serving(String path, byte[] content) throws IOException {
        return new LocalFileServer(path, content);
    }

    /** {@code size} bytes from a seeded generator: the same on every run, and incompressible like real weights. */
    static byte[] deterministicBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A loopback URL on which nothing listens: binds a free port and closes it again, so a connection is refused at
     * once instead of timing out, which is what an offline machine or a stopped host looks like to the fetcher.
     */
    static String closedPortUrl(String path) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + path;
    }

    /** The URL of the served file. */
    String url() {
        return url(path);
    }

    /** A URL on this server for any path (paths other than the served one answer 404). */
    String url(String anyPath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + anyPath;
    }

    /**
     * The next response of the file announces its full length but the connection is closed after {@code bytes}
     * body bytes, the way a dropped connection looks to a client.
     */
    void cutNextResponseAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /** Requests received so far, for any path. */
    int requestCount() {
        return requests.get();
    }

    /** The {@code Range} header of each request in arrival order; {@code ""} where a request had none. */
    List<String> rangeHeaders() {
        return List.copyOf(ranges);
    }

    /** Body bytes written to clients so far, cut responses included. */
    long bytesSent() {
        return bytesSent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        // Drain the (empty) request body so closing the socket sends FIN, not RST that could drop unread data.
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int from = 0;
        Matcher matcher = range == null ? null : OPEN_RANGE.matcher(range);
        if (matcher != null && matcher.matches()) {
            long asked = Long.parseLong(matcher.group(1));
            if (asked >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            from = (int) asked;
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        int length = content.length - from;
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, length);
        long cut = cutAfter.getAndSet(-1);
        OutputStream body = exchange.getResponseBody();
        int toWrite = cut >= 0 ? (int) Math.min(cut, length) : length;
        // Counted before writing: the client can finish reading, and the test assert, before write() returns here.
        bytesSent.addAndGet(toWrite);
        body.write(content, from, toWrite);
        body.flush();
        // With body bytes still owed, close() drops the connection instead of ending the response: that is the cut.
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
