package io.omnivox.agent;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;

/**
 * Offers the model, on every request of a turn, exactly the tools that turn allows (see {@link Turn#allowedTools()}).
 * The list comes from the turn, which the code built from the user's request, never from anything the model has read.
 */
final class AgentToolProvider implements ToolProvider {

    private final Map<String, ToolSpecification> specifications = new LinkedHashMap<>();
    private final Map<String, ToolExecutor> executors = new LinkedHashMap<>();

    AgentToolProvider(AgentTools tools) {
        for (Method method : AgentTools.class.getMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
                ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
                specifications.put(specification.name(), specification);
                executors.put(specification.name(), new DefaultToolExecutor(tools, method));
            }
        }
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        Turn turn = Turn.of(request.invocationParameters());
        ToolProviderResult.Builder result = ToolProviderResult.builder();
        specifications.forEach((name, specification) -> {
            if (turn.allowedTools().contains(name)) {
                result.add(specification, executors.get(name));
            }
        });
        return result.build();
    }
}
