package a1.kernels;

import a1.kernels.format.VectorOps;
import java.util.Objects;

/**
 * The element-wise and attention operations of a Llama forward pass, with ggml's CPU numerics: double sums where
 * ggml sums in double, float everywhere else. Single-threaded.
 */
public final class Ops {
    /** ggml_rms_norm then ggml_mul: out = (x * (1/sqrt(mean(x^2) + eps))) * weight. */
    public static void rmsNorm(float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
        Objects.checkFromIndexSize(outOff, n, out.length);
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(0, n, weight.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            sum += v * v;
        }
        float mean = (float) (sum / n);
        float scale = 1.0f / (float) Math.sqrt(mean + eps);
        for (int i = 0; i < n; i++) out[outOff + i] = (x[xOff + i] * scale) * weight[i];
    }

    /** Rotary embedding on adjacent pairs (x[2i], x[2i+1]) of the first {@code nRot} dims of each head. */
    public static void ropeNormal(float[] x, int off, int nHeads, int headDim, int nRot, int pos, float freqBase, float freqScale) {
        rope(x, off, nHeads, headDim, nRot, pos, freqBase, freqScale, false);
    }

    /** Rotary embedding on pairs (x[i], x[i + nRot/2]) of the first {@code nRot} dims of each head (GPT-NeoX layout). */
    public static void ropeNeox(float[] x, int off, int nHeads, int headDim, int nRot, int pos, float freqBase, float freqScale) {
        rope(x, off, nHeads, headDim, nRot, pos, freqBase, freqScale, true);
    }

    private static void rope(float[] x, int off, int nHeads, int headDim, int nRot, int pos, float freqBase, float freqScale, boolean neox) {
        if (nHeads < 1 || headDim < 2 || nRot < 2 || nRot > headDim || (nRot & 1) != 0) {
            throw new IllegalArgumentException("rope over " + nHeads + " heads of " + headDim + " with " + nRot + " rotated dims");
        }
        Objects.checkFromIndexSize(off, nHeads * headDim, x.length);
        // ggml: theta_scale = powf(base, -2/n_dims); theta_i = pos * theta_scale^i by repeated float multiplies.
        float thetaScale = (float) Math.pow(freqBase, -2.0f / nRot);
        float theta = pos;
        int half = nRot / 2;
        for (int i = 0; i < half; i++) {
            float angle = freqScale * theta;
            float cos = LibmSinCos.cos(angle);
            float sin = LibmSinCos.sin(angle);
            for (int h = 0; h < nHeads; h++) {
                int base = off + h * headDim;
                int a = neox ? base + i : base + 2 * i;
                int b = neox ? base + i + half : base + 2 * i + 1;
                float x0 = x[a], x1 = x[b];
                // GCC contracts ggml's x0*cos - x1*sin and x0*sin + x1*cos into these two fused multiply-adds.
                x[a] = Math.fma(x0, cos, -(x1 * sin));
                x[b] = Math.fma(x0, sin, x1 * cos);
            }
            theta *= thetaScale;
        }
    }

    /**
     * In place: x = exp(x*scale - max) / sum, as ggml_soft_max_ext on AVX-512: ggml's exponential, each block of
     * 16 positions summed as a lane tree and the blocks in double, then one float multiply by 1/sum. Positions past
     * {@code len} are the masked ones: they add exact zeros, so blocks line up with llama.cpp's.
     */
    public static void softmax(float[] x, int off, int len, float scale) {
        Objects.checkFromIndexSize(off, len, x.length);
        if (len == 0) return;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            x[off + i] *= scale;
            max = Math.max(max, x[off + i]);
        }
        float[] lanes = new float[GgmlLanes.LANES];
        double sum = 0;
        for (int block = 0; block < len; block += GgmlLanes.LANES) {
            int n = Math.min(GgmlLanes.LANES, len - block);
            java.util.Arrays.fill(lanes, 0f);
            for (int l = 0; l < n; l++) {
                float e = GgmlLanes.exp(x[off + block + l] - max);
                x[off + block + l] = e;
                lanes[l] = e;
            }
            sum += GgmlLanes.reduce(lanes);
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < len; i++) x[off + i] *= inv;
    }

    /** In place: x = x / (1 + exp(-x)), per row as ggml_vec_silu_f32: ggml's exponential on whole blocks of 16, libm's on the tail. */
    public static void silu(float[] x, int off, int n) {
        Objects.checkFromIndexSize(off, n, x.length);
        for (int i = 0; i < n; i++) x[off + i] = silu(x[off + i], i < (n & ~(GgmlLanes.LANES - 1)));
    }

    /** gate = silu(gate) * up over one row of {@code n} (the silu blocks start at the row's start). */
    public static void swiglu(float[] gate, int gOff, float[] up, int uOff, int n) {
        Objects.checkFromIndexSize(gOff, n, gate.length);
        Objects.checkFromIndexSize(uOff, n, up.length);
        int blocks = n & ~(GgmlLanes.LANES - 1);
        for (int i = 0; i < n; i++) gate[gOff + i] = silu(gate[gOff + i], i < blocks) * up[uOff + i];
    }

    private static float silu(float v, boolean vectorLane) {
        return v / (1.0f + (vectorLane ? GgmlLanes.exp(-v) : (float) Math.exp(-v)));
    }

    /** acc += x. */
    public static void add(float[] acc, int aOff, float[] x, int xOff, int n) {
        Objects.checkFromIndexSize(aOff, n, acc.length);
        Objects.checkFromIndexSize(xOff, n, x.length);
        VectorOps.add(acc, aOff, x, xOff, n);
    }

    private Ops() {}
}
