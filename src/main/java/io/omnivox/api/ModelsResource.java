package io.omnivox.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.omnivox.model.registry.ModelCatalog;

/** Lists the models Omnivox knows, in OpenAI's {@code /v1/models} shape with our state fields added. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models")
public class ModelsResource {

    /** One model entry: OpenAI's fields plus capability, state and licence. */
    public record ModelEntry(String id, String object, long created, String owned_by, String capability, String state,
            String detail, String license, long download_bytes) {
    }

    /** OpenAI's list envelope. */
    public record ModelList(String object, List<ModelEntry> data) {
    }

    private final ModelCatalog catalog;

    public ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "List models", description = "Every model with its capability and whether its weights are present.")
    public ModelList list() {
        return new ModelList("list", catalog.statuses().stream().map(ModelsResource::entry).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Describe one model")
    public ModelEntry get(@PathParam("id") String id) {
        return catalog.registry().find(id).map(catalog::status).map(ModelsResource::entry)
                .orElseThrow(() -> new NotFoundException("No model named '" + id + "'"));
    }

    private static ModelEntry entry(ModelCatalog.Status status) {
        var m = status.manifest();
        return new ModelEntry(m.name(), "model", 0, "omnivox", m.capability().name().toLowerCase(),
                status.state().label(), status.detail(), m.license(), m.downloadSize());
    }
}
