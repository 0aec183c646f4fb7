package a1.peer.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import a1.kernels.Parallel;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.spec.gguf.GgufFile;
import a1.spec.testdata.SharedData;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerStackTest {

    /**
     * forwardLast skips the last layer's FFN for all but the last vector; what a local session reads afterwards (the
     * last vector, every cached key and value, and the next token's output) must be bit for bit what forward gives.
     */
    @ParameterizedTest
    @ValueSource(strings = {"stories260K-f32.gguf", "stories260K-q8_0.gguf", "synth-k.Q4_K_M.gguf"})
    void forwardLastGivesTheLastVectorAndCacheOfForward(String file) throws IOException {
        try (GgufFile gguf = GgufFile.open(SharedData.model(file)); Parallel pool = new Parallel(2)) {
            LlamaConfig c = LlamaConfig.from(gguf.metadata());
            ModelWeights weights = ModelWeights.load(gguf, c, ModelWeights.Parts.whole(c));
            EmbeddingHead ends = new EmbeddingHead(weights, pool);
            LayerStack stack = new LayerStack(weights, pool);
            int[] prompt = {1, 403, 9, 77, 150, 12, 300, 41, 5, 220, 18};
            int n = prompt.length;
            int dim = c.dim();

            KvCache allKv = new KvCache(stack.range(), c.kvHeads(), c.headDim(), 32, KvType.F16);
            KvCache lastKv = new KvCache(stack.range(), c.kvHeads(), c.headDim(), 32, KvType.F16);
            float[] all = ends.embed(prompt);
            float[] last = ends.embed(prompt);
            stack.forward(all, n, 0, allKv);
            stack.forwardLast(last, n, 0, lastKv);

            assertArrayEquals(Arrays.copyOfRange(all, (n - 1) * dim, n * dim), Arrays.copyOfRange(last, (n - 1) * dim, n * dim));
            for (int layer = 0; layer < c.layers(); layer++) {
                assertArrayEquals(allKv.keys(layer), lastKv.keys(layer), "keys of layer " + layer);
                assertArrayEquals(allKv.values(layer), lastKv.values(layer), "values of layer " + layer);
            }
            float[] nextAll = ends.embed(new int[] {33});
            float[] nextLast = ends.embed(new int[] {33});
            stack.forward(nextAll, 1, n, allKv);
            stack.forwardLast(nextLast, 1, n, lastKv);
            assertArrayEquals(ends.logits(nextAll, 0), ends.logits(nextLast, 0));
        }
    }
}
