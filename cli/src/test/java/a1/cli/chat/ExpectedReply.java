package a1.cli.chat;

import a1.peer.LocalModel;
import a1.peer.chat.ChatMessage;
import a1.peer.chat.ChatTemplate;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvType;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.Tokenizer;
import a1.spec.testdata.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The greedy first reply to one user message, computed without the chat code: the template's text, tokenized, run
 * through the plain generation loop. What {@code a1 chat} prints must equal it.
 */
public final class ExpectedReply {
    public static final Path MODEL = SharedData.model("stories260K-f32.gguf");

    private ExpectedReply() {}

    public static String firstReply(String userText, int maxTokens) throws Exception {
        try (LocalModel m = LocalModel.open(MODEL, 1); Session s = m.newSession(2048, KvType.F16)) {
            Tokenizer tok = Tokenizer.fromGguf(m.gguf().metadata());
            String text = ChatTemplate.of(m.gguf().metadata()).render(List.of(ChatMessage.user(userText)), true);
            int[] ids = Generator.generate(s, tok.encode(text, true, true), maxTokens, Sampler.greedy(), tok::isEndOfGeneration, t -> {}).tokens();
            if (ids.length > 0 && tok.isEndOfGeneration(ids[ids.length - 1])) ids = Arrays.copyOf(ids, ids.length - 1);
            return tok.decode(ids);
        }
    }
}
