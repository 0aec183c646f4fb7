package a1.peer.node;

import a1.kernels.Parallel;
import a1.peer.forward.LayerStack;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.ModelWeights;
import a1.spec.model.LayerRange;

/**
 * Measures how fast this machine runs one layer for one token (decode), so a peer can announce its throughput for
 * a range ({@code 1 / (seconds per layer * layers)} tokens/s) before it picks that range.
 */
public final class Throughput {
    private static final int WARMUP = 8;
    private static final int STEPS = 24;

    private Throughput() {}

    /** Seconds per token through one layer ({@code oneLayer} holds a single layer's weights). */
    public static double secondsPerLayer(ModelWeights oneLayer, Parallel pool) {
        LayerStack stack = new LayerStack(oneLayer, pool);
        LayerRange r = oneLayer.range();
        int dim = oneLayer.config().dim();
        KvCache kv = new KvCache(r, oneLayer.config().kvHeads(), oneLayer.config().headDim(), WARMUP + STEPS, KvType.F16);
        float[] x = new float[dim];
        for (int i = 0; i < dim; i++) x[i] = (float) Math.sin(i);
        long t0 = 0;
        for (int step = 0; step < WARMUP + STEPS; step++) {
            if (step == WARMUP) t0 = System.nanoTime();
            float[] y = x.clone();
            stack.forward(y, 1, step, kv);
        }
        return (System.nanoTime() - t0) / 1e9 / STEPS / r.size();
    }

    /** Tokens per second through {@code layers} layers at {@code secondsPerLayer}. */
    public static float tokensPerSecond(double secondsPerLayer, int layers) {
        return (float) (1.0 / (secondsPerLayer * layers));
    }
}
