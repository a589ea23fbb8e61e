package io.omnivox.api;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.document.PdfPages;
import io.omnivox.model.EngineUnavailableException;
import io.omnivox.ocr.Box;
import io.omnivox.ocr.BoxColour;
import io.omnivox.ocr.ImageLoader;
import io.omnivox.ocr.OcrConfig;
import io.omnivox.ocr.OcrEngines;
import io.omnivox.ocr.OcrLine;
import io.omnivox.ocr.OcrMode;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.OcrResult;
import io.omnivox.ocr.TextRecognizer;
import io.smallrye.common.annotation.Blocking;

/** {@code POST /v1/ocr}: an image or a PDF in, its text out per page, with line boxes where the engine gives them. */
@Path("/v1/ocr")
@Tag(name = "Vision")
@Produces(MediaType.APPLICATION_JSON)
public class OcrResource {

    /** One page of the answer. */
    public record Page(int page, String text, List<OcrLine> lines) {
    }

    /** The answer: the engine and the pages (one for an image). */
    public record OcrResponse(String engine, String text, List<Page> pages) {
    }

    private final OcrEngines engines;
    private final OcrConfig config;
    private final ImageLoader images;

    public OcrResource(OcrEngines engines, OcrConfig config) {
        this.engines = engines;
        this.config = config;
        this.images = new ImageLoader(config.maxPixels());
    }

    @POST
    @Blocking
    @ModelWork(Work.OCR)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Read the text in an image or a PDF", description = "Multipart 'file' (PNG, JPEG, GIF, BMP, "
            + "TIFF, or a PDF whose pages are rendered and read in order); optional 'mode' (plain | format), "
            + "'language' (en | zh | auto), and for images 'region' (x,y,width,height) or 'colour' (red | green | "
            + "blue: read inside a frame drawn in that colour).")
    public Response recognize(@RestForm("file") FileUpload file, @RestForm("mode") String mode,
            @RestForm("language") String language, @RestForm("region") String region,
            @RestForm("colour") String colour) {
        if (file == null || file.size() == 0) {
            throw new InvalidRequestException("file", "the multipart field 'file' with an image or a PDF is required");
        }
        if (file.size() > config.maxUploadBytes()) {
            throw new InvalidRequestException(413, "image-too-large", "file", "The upload has " + file.size()
                    + " bytes; the limit is " + config.maxUploadBytes() + ".");
        }
        OcrMode ocrMode = mode(mode);
        Optional<Box> box = region(region);
        Optional<BoxColour> frame = colour(colour);
        if (box.isPresent() && frame.isPresent()) {
            throw new InvalidRequestException("colour", "give either 'region' or 'colour', not both");
        }
        String hint = language == null || language.isBlank() ? "auto" : language.strip();
        TextRecognizer engine = engines.current()
                .orElseThrow(() -> new EngineUnavailableException(engines.unavailableReason()));
        OcrResponse answer = isPdf(file.uploadedFile())
                ? readPdf(engine, file.uploadedFile(), ocrMode, hint, box.isPresent() || frame.isPresent())
                : readImage(engine, file.uploadedFile(), new RequestShape(ocrMode, box, frame, hint));
        return Response.ok(answer).header(TranscriptionResource.ENGINE_HEADER, answer.engine()).build();
    }

    /** What the caller asked for, apart from the image itself. */
    private record RequestShape(OcrMode mode, Optional<Box> box, Optional<BoxColour> colour, String language) {
    }

    private OcrResponse readImage(TextRecognizer engine, java.nio.file.Path upload, RequestShape shape) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(upload)) {
            image = images.load(in);
        } catch (IOException e) {
            throw new InvalidRequestException(400, "image-corrupt", "file", "The upload could not be read.");
        }
        shape.box().ifPresent(b -> checkInside(b, image));
        OcrResult result = engine.recognize(new OcrRequest(image, shape.mode(), shape.box(), shape.language(),
                shape.colour()));
        return new OcrResponse(result.engine(), result.text(), List.of(new Page(1, result.text(), result.lines())));
    }

    /** Every page rendered and read in order; the answer's text joins the pages with blank lines. */
    private OcrResponse readPdf(TextRecognizer engine, java.nio.file.Path upload, OcrMode mode, String language,
            boolean regionAsked) {
        if (regionAsked) {
            throw new InvalidRequestException("region", "'region' and 'colour' apply to images, not to PDFs");
        }
        List<Page> pages = new ArrayList<>();
        try (PdfPages pdf = PdfPages.open(upload, config.maxPdfPages(), config.pdfDpi())) {
            for (int i = 0; i < pdf.pageCount(); i++) {
                OcrResult result = engine.recognize(new OcrRequest(pdf.render(i), mode, Optional.empty(), language));
                pages.add(new Page(i + 1, result.text(), result.lines()));
            }
        }
        String text = String.join("\n\n", pages.stream().map(Page::text).toList());
        return new OcrResponse(engine.engine(), text, pages);
    }

    private static boolean isPdf(java.nio.file.Path upload) {
        try {
            return PdfPages.isPdf(upload);
        } catch (IOException e) {
            throw new InvalidRequestException(400, "image-corrupt", "file", "The upload could not be read.");
        }
    }

    private static Optional<BoxColour> colour(String colour) {
        if (colour == null || colour.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BoxColour.parse(colour));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("colour", "colour must be red, green or blue; got '" + colour + "'");
        }
    }

    private static OcrMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return OcrMode.PLAIN;
        }
        try {
            return OcrMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("mode", "mode must be plain or format; got '" + mode + "'");
        }
    }

    private static Optional<Box> region(String region) {
        if (region == null || region.isBlank()) {
            return Optional.empty();
        }
        String[] parts = region.split(",");
        try {
            if (parts.length != 4) {
                throw new NumberFormatException();
            }
            return Optional.of(new Box(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()), Integer.parseInt(parts[3].strip())));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("region", "region must be x,y,width,height in pixels; got '" + region + "'");
        }
    }

    private static void checkInside(Box box, BufferedImage image) {
        if (box.x() < 0 || box.y() < 0 || box.width() == 0 || box.height() == 0
                || box.x() + box.width() > image.getWidth() || box.y() + box.height() > image.getHeight()) {
            throw new InvalidRequestException("region", "region " + box + " is not inside the " + image.getWidth()
                    + "x" + image.getHeight() + " image");
        }
    }
}
