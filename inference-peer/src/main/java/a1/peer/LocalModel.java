package a1.peer;

import a1.kernels.Parallel;
import a1.peer.forward.EmbeddingHead;
import a1.peer.forward.LayerStack;
import a1.peer.forward.LocalSession;
import a1.peer.forward.Session;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.spec.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Path;

/** A whole model in one process: the single-node reference every distributed run must equal. */
public final class LocalModel implements AutoCloseable {
    private final GgufFile gguf;
    private final LlamaConfig config;
    private final Parallel pool;
    private final EmbeddingHead ends;
    private final LayerStack stack;

    private LocalModel(GgufFile gguf, LlamaConfig config, Parallel pool, ModelWeights weights) {
        this.gguf = gguf;
        this.config = config;
        this.pool = pool;
        this.ends = new EmbeddingHead(weights, pool);
        this.stack = new LayerStack(weights, pool);
    }

    public static LocalModel open(Path path, int threads) throws IOException {
        GgufFile gguf = GgufFile.open(path);
        try {
            LlamaConfig config = LlamaConfig.of(gguf);
            ModelWeights weights = ModelWeights.load(gguf, config, ModelWeights.Parts.whole(config));
            return new LocalModel(gguf, config, new Parallel(threads), weights);
        } catch (IOException | RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    public GgufFile gguf() {
        return gguf;
    }

    public LlamaConfig config() {
        return config;
    }

    /** A new sequence holding up to {@code capacity} tokens. Sessions share this model's scratch: use one at a time. */
    public Session newSession(int capacity, KvType kvType) {
        int cap = Math.min(capacity, config.contextLength());
        return new LocalSession(ends, stack, new KvCache(stack.range(), config.kvHeads(), config.headDim(), cap, kvType));
    }

    @Override
    public void close() {
        pool.close();
        gguf.close();
    }
}
