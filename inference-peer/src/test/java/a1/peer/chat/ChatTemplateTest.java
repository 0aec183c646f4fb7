package a1.peer.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Detection from the Jinja templates models ship, and formatting compared with what Hugging Face's
 * apply_chat_template prints for the same history (the outputs llama.cpp's test-chat-template also lists).
 */
class ChatTemplateTest {
    private static final List<ChatMessage> HISTORY = List.of(ChatMessage.system("test"), ChatMessage.user("hello"),
            ChatMessage.assistant("response"), ChatMessage.user("again"));

    @Test
    void recognizesTheTemplatesModelsShip() {
        assertEquals(Optional.of(ChatTemplate.CHATML), ChatTemplate.detect(
                "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"));
        assertEquals(Optional.of(ChatTemplate.LLAMA3), ChatTemplate.detect(
                "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}"));
        assertEquals(Optional.of(ChatTemplate.PHI3), ChatTemplate.detect(
                "{% if message['role'] == 'user' %}{{'<|user|>' + '\\n' + message['content'] + '<|end|>' + '\\n' + '<|assistant|>' + '\\n'}}{% endif %}"));
        assertEquals(Optional.of(ChatTemplate.ZEPHYR), ChatTemplate.detect(
                "{% if message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + '<|endoftext|>' }}{% endif %}"));
        assertEquals(Optional.of(ChatTemplate.LLAMA2_SYS_STRIP), ChatTemplate.detect(
                "{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% set content = '<<SYS>>\\n' %}"));
        assertEquals(Optional.of(ChatTemplate.LLAMA2), ChatTemplate.detect("{{ '[INST] ' + message['content'] + ' [/INST]' }}"));
        assertEquals(Optional.empty(), ChatTemplate.detect("{{ message['content'] }}"));
    }

    @Test
    void chatmlMatchesHuggingFace() {
        assertEquals("<|im_start|>system\ntest<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\nresponse<|im_end|>\n"
                + "<|im_start|>user\nagain<|im_end|>\n<|im_start|>assistant\n", ChatTemplate.CHATML.render(HISTORY, true));
    }

    @Test
    void llama2WithSystemBlockMatchesHuggingFace() {
        assertEquals("[INST] <<SYS>>\ntest\n<</SYS>>\n\nhello [/INST]response</s>[INST] again [/INST]",
                ChatTemplate.LLAMA2_SYS.render(HISTORY, true));
        assertEquals("[INST] <<SYS>>\ntest\n<</SYS>>\n\nhello [/INST]response</s><s>[INST] again [/INST]",
                ChatTemplate.LLAMA2_SYS_BOS.render(HISTORY, true));
    }

    @Test
    void llama3TrimsContent() {
        assertEquals("<|start_header_id|>system<|end_header_id|>\n\ntest<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", ChatTemplate.LLAMA3.render(List.of(ChatMessage.system("test"), ChatMessage.user(" hello\n")), true));
    }

    @Test
    void phi3AndZephyr() {
        List<ChatMessage> h = List.of(ChatMessage.user("hello"), ChatMessage.assistant("response"));
        assertEquals("<|user|>\nhello<|end|>\n<|assistant|>\nresponse<|end|>\n", ChatTemplate.PHI3.render(h, false));
        assertEquals("<|user|>\nhello<|endoftext|>\n<|assistant|>\nresponse<|endoftext|>\n<|assistant|>\n", ChatTemplate.ZEPHYR.render(h, true));
    }

    @Test
    void namesAreWhatUsersType() {
        for (ChatTemplate t : ChatTemplate.values()) assertEquals(t, ChatTemplate.named(t.id()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatTemplate.named("jinja2"));
        assertTrue(e.getMessage().contains("chatml"), e.getMessage());
    }
}
