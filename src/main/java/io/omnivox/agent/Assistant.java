package io.omnivox.agent;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;

/** The LangChain4j AI service behind the agent; {@link Agent} builds it and is the only caller. */
interface Assistant {

    Result<String> chat(@MemoryId String conversationId, @dev.langchain4j.service.UserMessage UserMessage message,
            InvocationParameters turn);

    TokenStream stream(@MemoryId String conversationId, @dev.langchain4j.service.UserMessage UserMessage message,
            InvocationParameters turn);
}
