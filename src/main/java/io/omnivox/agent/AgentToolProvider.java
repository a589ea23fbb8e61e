package io.omnivox.agent;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
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
                executors.put(specification.name(), counted(new DefaultToolExecutor(tools, method)));
            }
        }
    }

    /** Counts each run in its turn, so the agent can tell a stopped tool loop from other failures. */
    private static ToolExecutor counted(ToolExecutor tool) {
        return new ToolExecutor() {
            @Override
            public String execute(ToolExecutionRequest request, Object memoryId) {
                return tool.execute(request, memoryId);
            }

            @Override
            public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
                Turn.of(context.invocationParameters()).countToolRun();
                return tool.executeWithContext(request, context);
            }
        };
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
