package a1.peer.model;

import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The hyper-parameters of a Llama-family model, read from GGUF metadata ({@code <arch>.*} keys).
 *
 * @param ropeDims  how many leading dimensions of each head are rotated (usually the whole head)
 * @param ropeNeox  NeoX layout (pairs i, i+n/2) instead of the original interleaved pairs
 */
public record LlamaConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffnDim,
                          int vocabSize, int contextLength, float rmsEps, float ropeBase, float ropeFreqScale,
                          int ropeDims, boolean ropeNeox) {

    /** Architectures whose GGUF tensors and maths are Llama's. */
    private static final Set<String> LLAMA_LIKE = Set.of("llama");

    public LlamaConfig {
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || ffnDim <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive");
        }
        if (heads % kvHeads != 0) throw new IllegalArgumentException(heads + " heads are not a multiple of " + kvHeads + " KV heads");
        if (ropeDims <= 0 || ropeDims > headDim || ropeDims % 2 != 0) throw new IllegalArgumentException("rope dimension " + ropeDims + " does not fit head size " + headDim);
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    public int qDim() {
        return heads * headDim;
    }

    /** Query heads that share one KV head (grouped-query attention). */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** The config of an open GGUF file; one A1 cannot run is a {@link GgufException} that names the file. */
    public static LlamaConfig of(GgufFile gguf) throws GgufException {
        try {
            return from(gguf.metadata());
        } catch (IllegalArgumentException e) {
            throw new GgufException(gguf.path().getFileName() + ": " + e.getMessage());
        }
    }

    /** The config of the GGUF file at {@code path}, opened only to read it (and to check it, tensors included). */
    public static LlamaConfig read(Path path) throws IOException {
        try (GgufFile gguf = GgufFile.open(path)) {
            return of(gguf);
        }
    }

    public static LlamaConfig from(GgufMetadata m) {
        String arch = m.findString("general.architecture").orElseThrow(() -> new IllegalArgumentException("GGUF has no general.architecture"));
        if (!LLAMA_LIKE.contains(arch)) throw new IllegalArgumentException("unsupported architecture \"" + arch + "\" (A1 runs: " + LLAMA_LIKE + ")");
        String p = arch + ".";
        int dim = m.getInt(p + "embedding_length");
        int heads = m.getInt(p + "attention.head_count");
        int kvHeads = m.findInt(p + "attention.head_count_kv").orElse(heads);
        int headDim = m.findInt(p + "attention.key_length").orElse(dim / heads);
        int vocab = m.findInt(p + "vocab_size").orElseGet(() -> m.getArray("tokenizer.ggml.tokens").size());
        float freqScale = 1f;
        if (m.findString(p + "rope.scaling.type").map("linear"::equals).orElse(false)) {
            freqScale = 1f / m.getFloat(p + "rope.scaling.factor");
        }
        return new LlamaConfig(arch, dim, m.getInt(p + "block_count"), heads, kvHeads, headDim,
                m.getInt(p + "feed_forward_length"), vocab, m.findInt(p + "context_length").orElse(2048),
                m.getFloat(p + "attention.layer_norm_rms_epsilon"), m.findFloat(p + "rope.freq_base").orElse(10000f),
                freqScale, m.findInt(p + "rope.dimension_count").orElse(headDim), false);
    }
}
