package a1.peer.model;

import a1.kernels.Dequant;
import a1.kernels.WeightMatrix;
import a1.spec.gguf.GgufException;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The weights one process needs: the blocks of its layer range, plus the embedding (first range, or a client) and
 * the final norm and output head (last range, or a client). Matrices are views into the mapped GGUF.
 */
public record ModelWeights(LlamaConfig config, LayerRange range, List<LayerWeights> layers,
                           Optional<WeightMatrix> embedding, Optional<float[]> outputNorm, Optional<WeightMatrix> output) {

    public static final String EMBEDDING = "token_embd.weight";

    /** Which parts of the model to load. */
    public record Parts(LayerRange layers, boolean embedding, boolean head) {
        public static Parts whole(LlamaConfig c) {
            return new Parts(LayerRange.all(c.layers()), true, true);
        }
    }

    public static ModelWeights load(GgufFile gguf, LlamaConfig c, Parts parts) throws GgufException {
        LayerRange r = parts.layers();
        if (!r.within(c.layers())) throw new GgufException(gguf.path().getFileName() + ": layer range " + r + " is outside the model's " + c.layers() + " layers");
        Loader l = new Loader(gguf);
        List<LayerWeights> layers = new ArrayList<>(r.size());
        for (int i = r.start(); i < r.end(); i++) {
            String b = "blk." + i + ".";
            layers.add(new LayerWeights(
                    l.vector(b + "attn_norm.weight", c.dim()),
                    l.matrix(b + "attn_q.weight", c.qDim(), c.dim()),
                    l.matrix(b + "attn_k.weight", c.kvDim(), c.dim()),
                    l.matrix(b + "attn_v.weight", c.kvDim(), c.dim()),
                    l.matrix(b + "attn_output.weight", c.dim(), c.qDim()),
                    l.vector(b + "ffn_norm.weight", c.dim()),
                    l.matrix(b + "ffn_gate.weight", c.ffnDim(), c.dim()),
                    l.matrix(b + "ffn_up.weight", c.ffnDim(), c.dim()),
                    l.matrix(b + "ffn_down.weight", c.dim(), c.ffnDim())));
        }
        Optional<WeightMatrix> embedding = parts.embedding() ? Optional.of(l.matrix(EMBEDDING, c.vocabSize(), c.dim())) : Optional.empty();
        Optional<float[]> outputNorm = Optional.empty();
        Optional<WeightMatrix> output = Optional.empty();
        if (parts.head()) {
            outputNorm = Optional.of(l.vector("output_norm.weight", c.dim()));
            // Tied embeddings: models without an output head reuse the token embedding.
            output = Optional.of(l.matrix(gguf.hasTensor("output.weight") ? "output.weight" : EMBEDDING, c.vocabSize(), c.dim()));
        }
        return new ModelWeights(c, r, List.copyOf(layers), embedding, outputNorm, output);
    }

    /** The two ends of the model a client holds: token embedding, final norm and output head. */
    public record Ends(LlamaConfig config, WeightMatrix embedding, float[] outputNorm, WeightMatrix output) {}

    /** Loads only the ends (no transformer block): what a swarm client needs. */
    public static Ends loadEnds(GgufFile gguf, LlamaConfig c) throws GgufException {
        Loader l = new Loader(gguf);
        return new Ends(c, l.matrix(EMBEDDING, c.vocabSize(), c.dim()), l.vector("output_norm.weight", c.dim()),
                l.matrix(gguf.hasTensor("output.weight") ? "output.weight" : EMBEDDING, c.vocabSize(), c.dim()));
    }

    /** The same weights restricted to {@code sub}, a part of this range (for sessions on part of a peer's range). */
    public ModelWeights subRange(LayerRange sub) {
        if (sub.start() < range.start() || sub.end() > range.end()) throw new IllegalArgumentException("layers " + sub + " are not within " + range);
        if (sub.equals(range)) return this;
        return new ModelWeights(config, sub, layers.subList(sub.start() - range.start(), sub.end() - range.start()), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Reads tensors by name and checks their shapes and types against the config. */
    private record Loader(GgufFile gguf) {
        WeightMatrix matrix(String name, int rows, int cols) throws GgufException {
            GgufTensorInfo t = gguf.tensor(name);
            if (t.rank() > 2 || t.dim(0) != cols || t.dim(1) != rows) {
                throw new GgufException(gguf.path().getFileName() + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.dims()) + ", expected [" + cols + ", " + rows + "]");
            }
            if (!t.type().supported()) throw new GgufException(gguf.path().getFileName() + ": tensor " + name + " has type " + t.type() + ", which A1 cannot compute with");
            return new WeightMatrix(t.type(), gguf.data(t), rows, cols);
        }

        float[] vector(String name, int n) throws GgufException {
            GgufTensorInfo t = gguf.tensor(name);
            if (t.elementCount() != n) throw new GgufException(gguf.path().getFileName() + ": tensor " + name + " has " + t.elementCount() + " values, expected " + n);
            if (!t.type().supported()) throw new GgufException(gguf.path().getFileName() + ": tensor " + name + " has type " + t.type() + ", which A1 cannot compute with");
            return Dequant.toFloats(t.type(), gguf.data(t), n);
        }
    }
}
