package io.omnivox.agent.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolCallsTest {

    @Test
    void should_split_text_and_calls() {
        ToolCalls.Parsed parsed = ToolCalls.parse("Let me look.\n<tool_call>\n{\"name\": \"search_knowledge\","
                + " \"arguments\": {\"query\": \"tides\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"current_time\","
                + " \"arguments\": {}}\n</tool_call>");

        assertThat(parsed.text()).isEqualTo("Let me look.");
        assertThat(parsed.calls()).hasSize(2);
        assertThat(parsed.calls().get(0).name()).isEqualTo("search_knowledge");
        assertThat(parsed.calls().get(0).arguments()).isEqualTo("{\"query\":\"tides\"}");
        assertThat(parsed.calls().get(1).arguments()).isEqualTo("{}");
        assertThat(parsed.calls().get(0).id()).isNotEqualTo(parsed.calls().get(1).id()).startsWith("call_");
    }

    @Test
    void should_keep_an_unreadable_block_as_text_and_accept_string_arguments() {
        assertThat(ToolCalls.parse("x <tool_call>not json</tool_call> y").calls()).isEmpty();
        assertThat(ToolCalls.parse("x <tool_call>not json</tool_call> y").text())
                .isEqualTo("x <tool_call>not json</tool_call> y");
        assertThat(ToolCalls.parse("<tool_call>{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}</tool_call>")
                .calls().get(0).arguments()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void should_accept_a_complete_call_cut_off_before_its_closing_tag() {
        ToolCalls.Parsed parsed = ToolCalls.parse("<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n");

        assertThat(parsed.calls()).extracting(c -> c.name()).containsExactly("f");
        assertThat(parsed.text()).isEmpty();
    }

    @Test
    void should_stream_text_and_hold_back_what_may_be_a_call() {
        ToolCalls.TextFilter filter = new ToolCalls.TextFilter();

        assertThat(filter.accept("Hello ")).isEqualTo("Hello ");
        assertThat(filter.accept("wor")).isEqualTo("wor");
        assertThat(filter.accept("ld <tool")).isEqualTo("ld ");
        assertThat(filter.accept("_call>{\"name\"")).isEmpty();
        assertThat(filter.accept(": \"f\"}</tool_call>")).isEmpty();
        assertThat(filter.flush()).isEmpty();

        ToolCalls.TextFilter plain = new ToolCalls.TextFilter();
        assertThat(plain.accept("a <to")).isEqualTo("a ");
        assertThat(plain.accept("ast>")).isEqualTo("<toast>");
        assertThat(plain.accept(" <")).isEqualTo(" ");
        assertThat(plain.flush()).isEqualTo("<");
    }
}
