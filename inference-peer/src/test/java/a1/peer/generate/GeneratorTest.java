package a1.peer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.kv.KvType;
import a1.peer.sampling.Sampler;
import a1.spec.testdata.SharedData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generation loop's limits on the real stories260K: -n, the context, and a stop token. */
class GeneratorTest {
    private static final int[] PROMPT = {1, 100, 200, 300, 400};

    @Test
    void anyTokenCountStopsWhereTheContextIsFullAndSaysSo() throws Exception {
        try (LocalModel m = LocalModel.open(SharedData.model("stories260K-f32.gguf"), 1); Session s = m.newSession(24, KvType.F16)) {
            List<Integer> streamed = new ArrayList<>();
            Generator.Result r = Generator.generate(s, PROMPT, Integer.MAX_VALUE, Sampler.greedy(), t -> false, streamed::add);
            assertEquals(24 - PROMPT.length + 1, r.tokens().length);
            assertEquals(r.tokens().length, streamed.size());
            assertTrue(r.contextFull());
        }
    }

    @Test
    void fewerTokensThanTheContextHoldsOrAStopTokenIsNotAFullContext() throws Exception {
        try (LocalModel m = LocalModel.open(SharedData.model("stories260K-f32.gguf"), 1); Session s = m.newSession(24, KvType.F16)) {
            Generator.Result r = Generator.generate(s, PROMPT, 3, Sampler.greedy(), t -> false, t -> {});
            assertEquals(3, r.tokens().length);
            assertFalse(r.contextFull());
        }
        try (LocalModel m = LocalModel.open(SharedData.model("stories260K-f32.gguf"), 1); Session s = m.newSession(24, KvType.F16)) {
            Generator.Result r = Generator.generate(s, PROMPT, 100, Sampler.greedy(), t -> true, t -> {});
            assertEquals(1, r.tokens().length);
            assertFalse(r.contextFull());
        }
    }
}
