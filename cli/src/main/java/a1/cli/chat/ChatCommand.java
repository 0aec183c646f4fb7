package a1.cli.chat;

import a1.cli.ExitCodes;
import a1.cli.OpenModel;
import a1.cli.options.ModelOptions;
import a1.cli.progress.ProgressBar;
import a1.cli.options.SamplingOptions;
import a1.peer.chat.ChatTemplate;
import a1.peer.chat.Conversation;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.Tokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 chat}: an interactive conversation in the terminal, like llama-cli's conversation mode and ollama run. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with a model: type a message, the reply streams back. The model's chat template (GGUF tokenizer.chat_template) formats the turns.",
                "Commands: /reset starts a new conversation, /exit (or end of input) quits. Reads lines from stdin, so a pipe works too."})
public final class ChatCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ModelOptions model;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt that starts every conversation.")
    String system;

    @Option(names = "-n", paramLabel = "N", defaultValue = "512", description = "Most tokens per reply (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--chat-template", paramLabel = "NAME", description = "Override the template: chatml, llama2, llama2-sys, llama2-sys-bos, llama2-sys-strip, llama3, phi3, zephyr, generic.")
    String chatTemplate;

    @Option(names = "--json", description = "For scripts: no streaming; one JSON object per reply (reply, turn_tokens, completion_tokens, cached_tokens, finish_reason).")
    boolean json;


    @Override
    public Integer call() throws Exception {
        if (maxTokens < 1) throw new IllegalArgumentException("-n must be >= 1");
        Sampler sampler = sampling.sampler();
        ChatTemplate forced = chatTemplate == null ? null : ChatTemplate.named(chatTemplate);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean interactive = ProgressBar.isTerminal();
        try (OpenModel m = model.open()) {
            if (m.contextLength() < 8) throw new IllegalArgumentException("--ctx must be >= 8");
            ChatTemplate template = forced != null ? forced : ChatTemplate.of(m.metadata());
            Tokenizer tok = Tokenizer.fromGguf(m.metadata());
            try (ChatSession chat = new ChatSession(m::newSession, tok, new Conversation(template, system), sampler)) {
                // On a terminal, notes go to stdout so they cannot overtake the prompt; in a pipe, stdout holds only replies.
                PrintStream info = interactive ? out : System.err;
                info.printf("a1 chat: %s, template %s, context %d tokens. /reset starts over, /exit quits.%n",
                        m.name(), template.id(), chat.capacity());
                loop(chat, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, info, interactive);
            }
        }
        return ExitCodes.OK;
    }

    private void loop(ChatSession chat, BufferedReader in, PrintStream out, PrintStream info, boolean interactive) throws java.io.IOException {
        while (true) {
            if (interactive) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null || line.strip().equals("/exit")) return;
            String text = line.strip();
            if (text.isEmpty()) continue;
            if (text.equals("/reset")) {
                chat.reset();
                info.println("(new conversation)");
                continue;
            }
            if (text.startsWith("/") && !text.startsWith("//")) {
                info.println("unknown command " + text.split("\\s")[0] + ": /reset or /exit (start a message with // to send a slash)");
                continue;
            }
            try {
                String message = text.startsWith("//") ? text.substring(1) : text;
                if (json) {
                    ChatSession.Reply r = chat.reply(message, maxTokens, piece -> {});
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("reply", r.text());
                    row.put("turn_tokens", r.turnTokens());
                    row.put("completion_tokens", r.tokens().length);
                    row.put("cached_tokens", chat.cachedTokens());
                    row.put("finish_reason", r.endedByModel() ? "stop" : "length");
                    out.println(JSON.writeValueAsString(row));
                } else {
                    chat.reply(message, maxTokens, piece -> {
                        out.print(piece);
                        out.flush();
                    });
                    out.println();
                }
            } catch (ChatSession.ContextFull e) {
                info.println("a1 chat: " + e.getMessage());
            }
        }
    }
}
