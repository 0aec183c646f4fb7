package a1.kernels.format;

/**
 * How ggml rounds the activation vector before a dot product with a given weight type (its "vec_dot_type"):
 * plain floats, floats rounded through F16 or BF16, or 8-bit blocks.
 */
public enum ActivationType {
    F32, F16, BF16, Q8_0, Q8_1, Q8_K
}
