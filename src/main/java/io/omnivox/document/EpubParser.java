package io.omnivox.document;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.zip.ZipException;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * EPUB books: {@code META-INF/container.xml} names the package (OPF) file, whose spine gives the chapters in reading
 * order; each chapter (an XHTML document) is one page, read like a web page. Title: {@code dc:title}, else the first
 * heading, else the file name. Every entry is read through {@link BoundedZip}'s limits.
 */
public final class EpubParser {

    private static final String CONTAINER = "META-INF/container.xml";

    private final DocumentConfig config;

    public EpubParser(DocumentConfig config) {
        this.config = config;
    }

    public ParsedDocument parse(Path file, String fileName) {
        try (BoundedZip zip = new BoundedZip(file, "EPUB", config.maxArchiveEntries(), config.maxEntryBytes(),
                config.maxUnpackedBytes())) {
            return read(zip, fileName);
        } catch (ZipException e) {
            throw corrupt("it is not a readable ZIP archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw corrupt("reading it failed (" + e.getMessage() + ")");
        }
    }

    /** A book's cover image: its bytes and media type. */
    public record Cover(byte[] image, String mediaType) {
    }

    /**
     * The book's cover image, if its package names one (EPUB 3's {@code properties="cover-image"}, or EPUB 2's
     * {@code <meta name="cover">}) and it is a JPEG or PNG; read through the same limits as the text.
     */
    public Optional<Cover> cover(Path file) {
        try (BoundedZip zip = new BoundedZip(file, "EPUB", config.maxArchiveEntries(), config.maxEntryBytes(),
                config.maxUnpackedBytes())) {
            Optional<byte[]> containerXml = zip.read(CONTAINER);
            Element rootfile = containerXml.isEmpty() ? null : xml(containerXml.get()).selectFirst("rootfile[full-path]");
            if (rootfile == null) {
                return Optional.empty();
            }
            String opfPath = rootfile.attr("full-path").strip();
            Optional<byte[]> opfXml = zip.read(opfPath);
            if (opfXml.isEmpty()) {
                return Optional.empty();
            }
            Document opf = xml(opfXml.get());
            Element item = opf.selectFirst("manifest > item[properties~=cover-image][href]");
            Element meta = opf.selectFirst("meta[name=cover][content]");
            if (item == null && meta != null) {
                item = opf.select("manifest > item[id][href]").stream()
                        .filter(i -> i.attr("id").equals(meta.attr("content"))).findFirst().orElse(null);
            }
            if (item == null || !List.of("image/jpeg", "image/png").contains(item.attr("media-type"))) {
                return Optional.empty();
            }
            String mediaType = item.attr("media-type");
            return zip.read(resolve(opfPath, item.attr("href"))).map(bytes -> new Cover(bytes, mediaType));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a book without a readable cover is still a book
        }
    }

    private ParsedDocument read(BoundedZip zip, String fileName) throws IOException {
        Document container = xml(zip.read(CONTAINER).orElseThrow(() -> corrupt(CONTAINER + " is missing")));
        Element rootfile = container.selectFirst("rootfile[full-path]");
        if (rootfile == null || rootfile.attr("full-path").isBlank()) {
            throw corrupt(CONTAINER + " names no package (OPF) file");
        }
        String opfPath = rootfile.attr("full-path").strip();
        Document opf = xml(zip.read(opfPath).orElseThrow(
                () -> corrupt("the package file " + opfPath + " named in " + CONTAINER + " is missing")));
        if (opf.selectFirst("package") == null || opf.selectFirst("spine") == null) {
            throw corrupt(opfPath + " is not an EPUB package file (no <package> or <spine>)");
        }
        List<String> chapters = chapters(opf, opfPath);
        if (chapters.size() > config.maxPages()) {
            throw new DocumentException(413, "document-too-many-pages", "The EPUB has " + chapters.size()
                    + " chapters; the limit is " + config.maxPages() + ".");
        }
        DocumentBuilder builder = new DocumentBuilder(config.maxPages());
        for (String chapter : chapters) {
            byte[] xhtml = zip.read(chapter)
                    .orElseThrow(() -> corrupt("the chapter " + chapter + " listed in " + opfPath + " is missing"));
            builder.newPage();
            HtmlText.append(Jsoup.parse(new String(xhtml, StandardCharsets.UTF_8)).body(), builder);
        }
        ParsedDocument parsed = builder.build(fileName, "epub");
        String title = title(opf);
        if (title.isEmpty()) {
            title = parsed.headings().isEmpty() ? fileName : parsed.headings().getFirst().text();
        }
        return new ParsedDocument(title, "epub", parsed.pages(), parsed.headings());
    }

    /** Archive paths of the spine's documents, in reading order. */
    private static List<String> chapters(Document opf, String opfPath) {
        Map<String, String> hrefs = new HashMap<>();
        for (Element item : opf.select("manifest > item[id][href]")) {
            hrefs.put(item.attr("id"), item.attr("href"));
        }
        return opf.select("spine > itemref[idref]").stream().map(ref -> {
            String href = hrefs.get(ref.attr("idref"));
            if (href == null) {
                throw corrupt("the spine of " + opfPath + " refers to '" + ref.attr("idref")
                        + "', which the manifest does not list");
            }
            return resolve(opfPath, href);
        }).toList();
    }

    /** {@code href} relative to the OPF's folder, fragment dropped and %-escapes decoded, as an archive path. */
    static String resolve(String opfPath, String href) {
        String path = href.strip();
        int fragment = path.indexOf('#');
        path = fragment >= 0 ? path.substring(0, fragment) : path;
        try {
            // Resolve on a dummy hierarchical URI so "../" and "./" collapse like a browser would.
            URI base = new URI("epub", "x", "/" + opfPath, null);
            URI resolved = base.resolve(new URI(null, null, URLDecoder.decode(path.replace("+", "%2B"),
                    StandardCharsets.UTF_8), null));
            String resolvedPath = resolved.getPath();
            return resolvedPath.startsWith("/") ? resolvedPath.substring(1) : resolvedPath;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw corrupt("the manifest path '" + href + "' is not valid");
        }
    }

    private static String title(Document opf) {
        for (Element element : opf.select("metadata > *")) {
            String name = element.normalName();
            if (name.equals("dc:title") || name.equals("title")) {
                String title = TextCleaner.singleLine(element.text());
                if (!title.isEmpty()) {
                    return title;
                }
            }
        }
        return "";
    }

    /** XML with jsoup's XML parser: lenient, and it never fetches external entities or DTDs. */
    private static Document xml(byte[] bytes) {
        return Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), "", Parser.xmlParser());
    }

    private static DocumentException corrupt(String reason) {
        return new DocumentException(400, "document-corrupt", "The EPUB could not be read: " + reason + ".");
    }
}
