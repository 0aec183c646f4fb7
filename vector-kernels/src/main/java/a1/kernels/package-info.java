/**
 * CPU kernels for a Llama forward pass that reproduce llama.cpp's CPU numerics (ggml, x86 AVX2/AVX-512 paths).
 *
 * <p>{@link a1.kernels.MatMul} rounds activations the way ggml does for each weight type before the dot product:
 * F32 stays F32, F16/BF16 weights see activations rounded to F16/BF16, Q8_0/Q4_0/Q5_0 see Q8_0 blocks (scale
 * amax/127 as F16, round half to even), Q4_1 sees Q8_1, and Q4_K/Q5_K/Q6_K see Q8_K (reference quantizer). The
 * integer part of every quantized dot is exact; block scales multiply it in float. {@link a1.kernels.Ops} holds
 * RMS norm, RoPE (normal and NeoX), softmax, SiLU/SwiGLU and the F16 helpers for an F16 KV cache. All threads
 * come from one {@link a1.kernels.Parallel} pool; the kernels themselves are single-threaded.
 *
 * <p>The vector width is fixed per JVM ({@code -Da1.simd=off|128|256|512}, default: the preferred width); the
 * same row always gives the same result, and K-quant dots equal their scalar reference bit for bit.
 */
package a1.kernels;
