package a1.peer.forward;

import a1.kernels.Dequant;
import a1.kernels.JitWarmUp;
import a1.kernels.MatMul;
import a1.kernels.Ops;
import a1.kernels.Parallel;
import a1.kernels.WeightMatrix;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import java.util.List;

/**
 * The two ends of the model that a client holds: token ids to activations (embedding lookup) and final
 * activations to logits (final norm and output head).
 */
public final class EmbeddingHead {
    private final LlamaConfig c;
    private final WeightMatrix embedding;
    private final float[] outputNorm;
    private final WeightMatrix output;
    private final MatMul matMul;
    private final float[] normed;

    public EmbeddingHead(ModelWeights w, Parallel pool) {
        this(new ModelWeights.Ends(w.config(),
                w.embedding().orElseThrow(() -> new IllegalArgumentException("weights lack the token embedding")),
                w.outputNorm().orElseThrow(() -> new IllegalArgumentException("weights lack the output norm")),
                w.output().orElseThrow(() -> new IllegalArgumentException("weights lack the output head"))), pool);
    }

    public EmbeddingHead(ModelWeights.Ends ends, Parallel pool) {
        this.c = ends.config();
        this.embedding = ends.embedding();
        this.outputNorm = ends.outputNorm();
        this.output = ends.output();
        this.matMul = new MatMul(pool);
        this.normed = new float[c.dim()];
        JitWarmUp.oneToken(List.of(output));
    }

    public LlamaConfig config() {
        return c;
    }

    /** Activations ({@code tokens.length * dim}) for the tokens. */
    public float[] embed(int[] tokens) {
        float[] x = new float[tokens.length * c.dim()];
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] < 0 || tokens[t] >= c.vocabSize()) throw new IllegalArgumentException("token id " + tokens[t] + " is outside the vocabulary of " + c.vocabSize());
            Dequant.row(embedding, tokens[t], x, t * c.dim());
        }
        return x;
    }

    /** Logits for the activation vector at {@code index} of {@code x}. */
    public float[] logits(float[] x, int index) {
        Ops.rmsNorm(normed, 0, x, index * c.dim(), outputNorm, c.dim(), c.rmsEps());
        float[] logits = new float[c.vocabSize()];
        matMul.apply(output, normed, 1, logits);
        return logits;
    }
}
