package io.omnivox.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jboss.resteasy.reactive.RestForm;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.omnivox.account.CurrentUser;
import io.omnivox.imagegen.GeneratedImage;
import io.omnivox.imagegen.ImageGenConfig;
import io.omnivox.imagegen.ImageGenEngines;
import io.omnivox.imagegen.ImageRequest;
import io.omnivox.imagegen.ImageResult;
import io.omnivox.imagegen.ImageStore;
import io.omnivox.imagegen.StepListener;
import io.omnivox.model.decoder.CancellationToken;
import io.smallrye.common.annotation.Blocking;

/**
 * OpenAI-compatible image generation: {@code POST /v1/images/generations} draws with the diffusion engine and answers
 * base64 PNGs or URLs of images kept for the caller ({@code GET /v1/images/files/{name}}, the owner only). Beyond
 * OpenAI's fields a request may give {@code seed}, {@code steps}, {@code negative_prompt} and {@code guidance}; each
 * image answers its seed, and a prompt cut to the text encoder's limit is named in {@code warnings}.
 */
@jakarta.ws.rs.Path("/v1/images")
@Tag(name = "Images")
public class ImagesResource {

    /** OpenAI's request body plus Omnivox's sampling fields; {@code model}, {@code quality}, {@code style} and
     * {@code user} are accepted and ignored. */
    public record GenerationRequest(String prompt, Integer n, String size, String response_format, Long seed,
            Integer steps, String negative_prompt, Double guidance, String model, String quality, String style,
            String user) {
    }

    /** One image: {@code b64_json} or {@code url}, and the seed that draws it again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageData(String b64_json, String url, long seed) {
    }

    /** OpenAI's response, plus {@code warnings} (e.g. a truncated prompt). */
    public record GenerationResponse(long created, List<ImageData> data, List<String> warnings) {
    }

    private final ImageGenEngines engines;
    private final ImageGenConfig config;
    private final ImageStore store;
    private final CurrentUser user;

    public ImagesResource(ImageGenEngines engines, ImageGenConfig config, ImageStore store, CurrentUser user) {
        this.engines = engines;
        this.config = config;
        this.store = store;
        this.user = user;
    }

    @POST
    @jakarta.ws.rs.Path("/generations")
    @Blocking
    @ModelWork(Work.IMAGES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draw images from a prompt", description = "OpenAI-compatible; n up to "
            + "omnivox.imagegen.max-images, size from omnivox.imagegen.sizes, response_format url (default) or "
            + "b64_json; seed, steps, negative_prompt and guidance are Omnivox extensions. 503 without the model.")
    public GenerationResponse generate(GenerationRequest body, @Context UriInfo uri) {
        return answer(toRequest(body), urlFormat(body.response_format()), uri);
    }

    /** Largest starting image accepted, in bytes. */
    static final long MAX_INIT_BYTES = 20L * 1024 * 1024;
    /** Largest starting image accepted, in pixels (it is resized to the output size first). */
    static final long MAX_INIT_PIXELS = 40_000_000L;

    @POST
    @jakarta.ws.rs.Path("/edits")
    @Blocking
    @ModelWork(Work.IMAGES)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redraw an image after a prompt (image-to-image)", description = "OpenAI-compatible form:"
            + " 'image' (PNG, JPEG, ...), 'prompt', 'n', 'size', 'response_format'; Omnivox adds 'strength' (0 to 1,"
            + " how much to change it; default 0.5), 'seed', 'steps' (default 2), 'negative_prompt' and 'guidance'.")
    public GenerationResponse edit(@RestForm("image") FileUpload image, @RestForm("prompt") String prompt,
            @RestForm("n") Integer n, @RestForm("size") String size,
            @RestForm("response_format") String responseFormat, @RestForm("strength") Double strength,
            @RestForm("seed") Long seed, @RestForm("steps") Integer steps,
            @RestForm("negative_prompt") String negativePrompt, @RestForm("guidance") Double guidance,
            @Context UriInfo uri) {
        ImageRequest text = toRequest(new GenerationRequest(prompt, n, size, responseFormat, seed,
                steps == null ? EDIT_STEPS : steps, negativePrompt, guidance, null, null, null, null));
        double change = strength == null ? EDIT_STRENGTH : strength;
        if (!(change > 0 && change <= 1)) {
            throw new InvalidRequestException("strength", "strength must be above 0 and at most 1, got " + change);
        }
        if (text.steps() * change < 1) {
            throw new InvalidRequestException("steps", "steps × strength must be at least 1 (one denoising step); got "
                    + text.steps() + " × " + change);
        }
        ImageRequest request = new ImageRequest(text.prompt(), text.negativePrompt(), text.width(), text.height(),
                text.steps(), text.guidance(), text.seed(), text.count(),
                Optional.of(new ImageRequest.InitImage(initImage(image), change)));
        return answer(request, urlFormat(responseFormat), uri);
    }

    /** A redraw keeps half of the picture by default, over two steps (so one step of denoising runs). */
    static final double EDIT_STRENGTH = 0.5;
    static final int EDIT_STEPS = 2;

    private static java.awt.image.BufferedImage initImage(FileUpload image) {
        if (image == null || image.size() == 0) {
            throw new InvalidRequestException("image", "Send the image to redraw in the multipart field 'image'.");
        }
        if (image.size() > MAX_INIT_BYTES) {
            throw new InvalidRequestException(413, "image-too-large", "image", "The image has " + image.size()
                    + " bytes; the limit is " + MAX_INIT_BYTES + ".");
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(image.uploadedFile())) {
            return new io.omnivox.ocr.ImageLoader(MAX_INIT_PIXELS).load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private GenerationResponse answer(ImageRequest request, boolean asUrl, UriInfo uri) {
        ImageResult result = engines.generate(request, StepListener.NONE, new CancellationToken());
        List<ImageData> data = new ArrayList<>();
        for (GeneratedImage image : result.images()) {
            byte[] png = image.png();
            data.add(asUrl ? new ImageData(null, url(uri, store.save(user.id(), png)), image.seed())
                    : new ImageData(Base64.getEncoder().encodeToString(png), null, image.seed()));
        }
        List<String> warnings = result.prompt().truncated() ? List.of(result.prompt().truncationNotice()) : List.of();
        return new GenerationResponse(Instant.now().getEpochSecond(), data, warnings);
    }

    @GET
    @jakarta.ws.rs.Path("/files/{name}")
    @Produces("image/png")
    @Operation(summary = "One of the caller's generated images (by the URL a generation answered)")
    public Response file(@PathParam("name") String name) {
        Path file = store.find(user.id(), name)
                .orElseThrow(() -> new NotFoundException("No image '" + name + "' of yours."));
        return Response.ok(file.toFile(), "image/png").build();
    }

    private ImageRequest toRequest(GenerationRequest body) {
        if (body == null) {
            throw new InvalidRequestException("prompt", "a JSON body with 'prompt' is required");
        }
        String prompt = text("prompt", body.prompt(), true);
        String negative = text("negative_prompt", body.negative_prompt(), false);
        int count = body.n() == null ? 1 : body.n();
        if (count < 1 || count > config.maxImages()) {
            throw new InvalidRequestException("n", "n must be 1 to " + config.maxImages() + ", got " + count);
        }
        int[] size = size(body.size());
        int steps = body.steps() == null ? config.defaultSteps() : body.steps();
        if (steps < 1 || steps > config.maxSteps()) {
            throw new InvalidRequestException("steps", "steps must be 1 to " + config.maxSteps() + ", got " + steps);
        }
        double guidance = body.guidance() == null ? config.defaultGuidance() : body.guidance();
        if (!(guidance >= 0 && guidance <= 30)) {
            throw new InvalidRequestException("guidance", "guidance must be between 0 and 30, got " + guidance);
        }
        OptionalLong seed = body.seed() == null ? OptionalLong.empty() : OptionalLong.of(body.seed());
        return new ImageRequest(prompt, negative, size[0], size[1], steps, guidance, seed, count, Optional.empty());
    }

    private String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidRequestException(field, field + " must describe the image");
            }
            return "";
        }
        if (value.length() > config.maxPromptCharacters()) {
            throw new InvalidRequestException(field, field + " has " + value.length() + " characters; the limit is "
                    + config.maxPromptCharacters());
        }
        return value;
    }

    /** {@code WIDTHxHEIGHT} from the allowed list; 512x512 when absent. */
    private int[] size(String value) {
        String wanted = value == null || value.isBlank() ? "512x512" : value.strip().toLowerCase(Locale.ROOT);
        if (!config.sizes().contains(wanted)) {
            throw new InvalidRequestException("size", "size must be one of " + String.join(", ", config.sizes())
                    + "; got '" + value + "'");
        }
        String[] parts = wanted.split("x");
        return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) };
    }

    private static boolean urlFormat(String value) {
        if (value == null || value.isBlank() || value.equals("url")) {
            return true;
        }
        if (value.equals("b64_json")) {
            return false;
        }
        throw new InvalidRequestException("response_format", "response_format must be url or b64_json; got '"
                + value + "'");
    }

    private static String url(UriInfo uri, String name) {
        return uri.getBaseUriBuilder().path("v1/images/files").path(name).build().toString();
    }
}
