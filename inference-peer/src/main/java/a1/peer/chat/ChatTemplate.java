package a1.peer.chat;

import a1.spec.gguf.GgufMetadata;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats a conversation into the prompt text a model was tuned on. Like llama.cpp, A1 runs no Jinja: it recognizes
 * the well-known templates by marker strings in {@code tokenizer.chat_template} and formats them in code; a model
 * without a recognized template gets {@link #GENERIC}, a plain "User:/Assistant:" transcript that base models
 * continue sensibly (llama.cpp falls back to ChatML, whose markers a base model's vocabulary does not have).
 */
public enum ChatTemplate {
    /** {@code <|im_start|>role\ncontent<|im_end|>\n}. */
    CHATML("chatml"),
    /** {@code [INST] <<SYS>>\nsystem\n<</SYS>>\n\nuser [/INST]reply</s>[INST] ...}, system as a plain line. */
    LLAMA2("llama2"),
    /** LLAMA2 with a {@code <<SYS>>} block for the system message. */
    LLAMA2_SYS("llama2-sys"),
    /** LLAMA2_SYS with {@code <s>} before each later {@code [INST]}. */
    LLAMA2_SYS_BOS("llama2-sys-bos"),
    /** LLAMA2_SYS with every message's content trimmed. */
    LLAMA2_SYS_STRIP("llama2-sys-strip"),
    /** {@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>}, content trimmed. */
    LLAMA3("llama3"),
    /** {@code <|role|>\ncontent<|end|>\n}. */
    PHI3("phi3"),
    /** {@code <|role|>\ncontent<|endoftext|>\n}. */
    ZEPHYR("zephyr"),
    /** {@code User: content\n} ... {@code Assistant:}, content trimmed: for models with no (recognized) template. */
    GENERIC("generic");

    private final String id;

    ChatTemplate(String id) {
        this.id = id;
    }

    /** The name users pass to {@code --chat-template}. */
    public String id() {
        return id;
    }

    /** The template named {@code name} (as {@link #id()}), e.g. from {@code --chat-template}. */
    public static ChatTemplate named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ChatTemplate t : values()) if (t.id.equals(n)) return t;
        throw new IllegalArgumentException("unknown chat template '" + name + "'; known: " + names());
    }

    public static String names() {
        StringBuilder s = new StringBuilder();
        for (ChatTemplate t : values()) s.append(s.isEmpty() ? "" : ", ").append(t.id);
        return s.toString();
    }

    /** The template of a GGUF model: its {@code tokenizer.chat_template} when recognized, else GENERIC. */
    public static ChatTemplate of(GgufMetadata metadata) {
        return metadata.findString("tokenizer.chat_template").flatMap(ChatTemplate::detect).orElse(GENERIC);
    }

    /** Recognizes a Jinja template by its markers, the way llama.cpp's llm_chat_detect_template does; empty if unknown. */
    public static Optional<ChatTemplate> detect(String jinja) {
        if (jinja.contains("<|im_start|>")) return Optional.of(CHATML);
        if (jinja.contains("[INST]")) {
            if (jinja.contains("content.strip()")) return Optional.of(LLAMA2_SYS_STRIP);
            if (jinja.contains("bos_token + '[INST]")) return Optional.of(LLAMA2_SYS_BOS);
            if (jinja.contains("<<SYS>>")) return Optional.of(LLAMA2_SYS);
            return Optional.of(LLAMA2);
        }
        if (jinja.contains("<|start_header_id|>") && jinja.contains("<|end_header_id|>")) return Optional.of(LLAMA3);
        if (jinja.contains("<|assistant|>") && jinja.contains("<|end|>")) return Optional.of(PHI3);
        if (jinja.contains("<|user|>") && jinja.contains("<|endoftext|>")) return Optional.of(ZEPHYR);
        return Optional.empty();
    }

    /** The prompt text of {@code messages}; with {@code addAssistant} it ends with the opening of the assistant's turn. */
    public String render(List<ChatMessage> messages, boolean addAssistant) {
        StringBuilder s = new StringBuilder();
        switch (this) {
            case CHATML -> {
                for (ChatMessage m : messages) s.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
                if (addAssistant) s.append("<|im_start|>assistant\n");
            }
            case LLAMA2, LLAMA2_SYS, LLAMA2_SYS_BOS, LLAMA2_SYS_STRIP -> renderLlama2(messages, s);
            case LLAMA3 -> {
                for (ChatMessage m : messages)
                    s.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n").append(m.content().strip()).append("<|eot_id|>");
                if (addAssistant) s.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
            }
            case PHI3 -> {
                for (ChatMessage m : messages) s.append("<|").append(m.role()).append("|>\n").append(m.content()).append("<|end|>\n");
                if (addAssistant) s.append("<|assistant|>\n");
            }
            case ZEPHYR -> {
                for (ChatMessage m : messages) s.append("<|").append(m.role()).append("|>\n").append(m.content()).append("<|endoftext|>\n");
                if (addAssistant) s.append("<|assistant|>\n");
            }
            case GENERIC -> {
                for (ChatMessage m : messages) s.append(capitalized(m.role())).append(": ").append(m.content().strip()).append('\n');
                if (addAssistant) s.append("Assistant:");
            }
        }
        return s.toString();
    }

    /** Llama 2 has no assistant opener: "[INST] user [/INST]" already asks for the reply, so addAssistant changes nothing. */
    private void renderLlama2(List<ChatMessage> messages, StringBuilder s) {
        boolean sysBlock = this != LLAMA2;
        s.append("[INST] ");
        boolean insideTurn = true;
        for (ChatMessage m : messages) {
            String content = this == LLAMA2_SYS_STRIP ? m.content().strip() : m.content();
            if (!insideTurn) {
                s.append(this == LLAMA2_SYS_BOS ? "<s>[INST] " : "[INST] ");
                insideTurn = true;
            }
            switch (m.role()) {
                case "system" -> s.append(sysBlock ? "<<SYS>>\n" + content + "\n<</SYS>>\n\n" : content + "\n");
                case "user" -> s.append(content).append(" [/INST]");
                default -> {
                    s.append(content).append("</s>");
                    insideTurn = false;
                }
            }
        }
    }

    private static String capitalized(String role) {
        return role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
    }
}
