package a1.peer.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvType;
import a1.peer.sampling.Sampler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Free-running greedy generation gives llama.cpp's ids for the whole run: on the real stories260K files (with the
 * F16 KV cache of the reference, and with an F32 cache against llama.cpp's F32-cache runs) and on the synth-kb files,
 * whose margins are wide by construction.
 */
class GreedyMatchesLlamaCppTest {

    static Stream<Golden> stories() {
        return Golden.cases("stories260K-");
    }

    static Stream<Golden> synthKb() {
        return Golden.cases("synth-kb.");
    }

    static Stream<Golden> longRuns() {
        return Golden.cases("long-stories260K-");
    }

    static int[] greedy(Golden g, KvType kv, int n) {
        try (Session s = GoldenModels.get(g.model()).newSession(g.promptIds().length + n + 8, kv)) {
            return Generator.generate(s, g.promptIds(), n, Sampler.greedy(), t -> false, t -> {}).tokens();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void storiesWithF16Cache(Golden g) {
        assertArrayEquals(g.generatedIds(), greedy(g, KvType.F16, g.generatedIds().length), g.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void storiesWithF32Cache(Golden g) {
        JsonNode variant = g.prompt().path("variants").path("t1-kvf32");
        int[] expected = variant.isMissingNode() ? g.generatedIds() : Golden.ints(variant.get("generated_ids"));
        if (variant.isMissingNode()) assertTrue(g.prompt().get("agrees_with_reference").get("t1-kvf32").asBoolean(), g.toString());
        assertArrayEquals(expected, greedy(g, KvType.F32, expected.length), g.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synthKb")
    void synthKb(Golden g) {
        assertArrayEquals(g.generatedIds(), greedy(g, KvType.F16, g.generatedIds().length), g.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longRuns")
    void longRunReachesPosition404(Golden g) {
        KvType kv = g.file().contains("kvf32") ? KvType.F32 : KvType.F16;
        int[] got = greedy(g, kv, g.generatedIds().length);
        assertArrayEquals(g.generatedIds(), got, () -> g + " first difference at step " + firstDifference(g.generatedIds(), got));
    }

    static int firstDifference(int[] a, int[] b) {
        int i = Arrays.mismatch(a, b);
        return i;
    }
}
