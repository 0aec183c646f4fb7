package a1.peer.model;

import a1.kernels.WeightMatrix;
import java.util.List;

/** The tensors of one transformer block. Norm weights are small and copied to the heap; matrices stay mapped. */
public record LayerWeights(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, WeightMatrix wo,
                           float[] ffnNorm, WeightMatrix gate, WeightMatrix up, WeightMatrix down) {

    public List<WeightMatrix> matrices() {
        return List.of(wq, wk, wv, wo, gate, up, down);
    }
}
