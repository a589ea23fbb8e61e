package io.omnivox.agent;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The thinking part: which chat model answers, how it samples, and the agent's limits. */
@ConfigMapping(prefix = "omnivox.agent")
public interface AgentConfig {

    /** Where answers come from. */
    enum Provider {
        /** An OpenAI-compatible endpoint when {@code openai.base-url} is set, else the in-process ONNX model. */
        AUTO,
        /** The in-process ONNX model only. */
        ONNX,
        /** The OpenAI-compatible endpoint only. */
        OPENAI
    }

    @WithDefault("auto")
    Provider provider();

    /** Most tool calls the agent may make while answering one message; a loop past it is stopped. */
    @WithDefault("5")
    int maxToolCalls();

    /** Conversation memory kept in the prompt, in tokens (older messages drop out first). */
    @WithDefault("3000")
    int memoryTokens();

    /**
     * Keep recently used conversations' memory in process and write it behind (fast: a voice reply waits for every
     * memory read). Turn it off when several Omnivox replicas share one database and a conversation's requests may
     * reach any of them: each read then comes from the database and each write lands before the answer goes on.
     */
    @WithDefault("true")
    boolean memoryWriteBehind();

    /** Passages the knowledge search returns to the model. */
    @WithDefault("5")
    int searchResults();

    /** Most images attached to one message. */
    @WithDefault("4")
    int maxImages();

    /** Most messages in one chat request. */
    @WithDefault("500")
    int maxMessages();

    /** Replaces the built-in system prompt when set. */
    Optional<String> systemPrompt();

    OpenAi openai();

    Onnx onnx();

    /** An OpenAI-compatible chat endpoint: Ollama, vLLM, llama.cpp server, LocalAI or OpenAI itself. */
    interface OpenAi {
        /** e.g. {@code http://localhost:11434/v1} for Ollama; unset means no endpoint. */
        Optional<String> baseUrl();

        /** Bearer key; local servers usually need none. */
        Optional<String> apiKey();

        /** Model name as the endpoint knows it. */
        @WithDefault("qwen2.5:7b-instruct")
        String model();

        /** Whether the model accepts images (a MiniCPM-V or Qwen2-VL class model); otherwise images go through OCR. */
        @WithDefault("false")
        boolean vision();

        @WithDefault("120s")
        Duration timeout();

        @WithDefault("0.7")
        double temperature();
    }

    /** The in-process model (a Qwen2.5-Instruct export from the model registry). */
    interface Onnx {
        /** Registry name of the model. */
        @WithDefault("qwen2.5-0.5b-instruct")
        String model();

        @WithDefault("512")
        int maxNewTokens();

        /** Longest prompt accepted, in tokens (Qwen2.5 supports 32k; CPU time and KV-cache memory grow with it). */
        @WithDefault("4096")
        int contextTokens();

        /** Qwen2.5-Instruct's published generation defaults: temperature 0.7, top-p 0.8, top-k 20, penalty 1.05. */
        @WithDefault("0.7")
        double temperature();

        @WithDefault("0.8")
        double topP();

        @WithDefault("20")
        int topK();

        @WithDefault("1.05")
        double repetitionPenalty();

        @WithDefault("42")
        long seed();
    }
}
