package a1.peer.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a1.peer.tokenizer.Tokenizer;
import a1.spec.gguf.GgufFile;
import a1.spec.testdata.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Templates found in real GGUF files: Phi-3's vocabulary ships its Jinja template; the stories models ship none. */
class ChatTemplateFromGgufTest {

    @Test
    void phi3VocabularyIsRecognizedAndItsMarkersBecomeSpecialTokens() throws Exception {
        try (GgufFile f = GgufFile.open(SharedData.vocab("ggml-vocab-phi-3.gguf"))) {
            assertEquals(ChatTemplate.PHI3, ChatTemplate.of(f.metadata()));
            Tokenizer tok = Tokenizer.fromGguf(f.metadata());
            String text = ChatTemplate.PHI3.render(List.of(ChatMessage.user("hi")), true);
            int[] ids = tok.encode(text, false, true);
            int user = tok.encode("<|user|>", false, true)[0];
            int end = tok.encode("<|end|>", false, true)[0];
            int assistant = tok.encode("<|assistant|>", false, true)[0];
            assertEquals("<|user|>", tok.piece(user));
            assertEquals("<|end|>", tok.piece(end));
            assertEquals("<|assistant|>", tok.piece(assistant));
            assertEquals(user, ids[0]);
            assertArrayEquals(new int[] {end}, java.util.Arrays.stream(ids).filter(t -> t == end).toArray());
            assertEquals(assistant, ids[ids.length - 1], "ends with the assistant's opener (Phi-3's markers swallow the newline after them)");
            assertEquals(true, tok.isEndOfGeneration(end), "<|end|> ends the reply");
        }
    }

    @Test
    void modelsWithoutATemplateGetTheGenericTranscript() throws Exception {
        try (GgufFile f = GgufFile.open(SharedData.model("stories260K-f32.gguf"))) {
            assertEquals(ChatTemplate.GENERIC, ChatTemplate.of(f.metadata()));
        }
    }
}
