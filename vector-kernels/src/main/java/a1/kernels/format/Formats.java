package a1.kernels.format;

import a1.spec.gguf.GgmlType;

/** The one place that maps a GGUF tensor type to the kernel that computes with it. */
public final class Formats {
    /** The kernel for {@code type}, or an {@link IllegalArgumentException} naming a type A1 cannot compute with. */
    public static WeightFormat of(GgmlType type) {
        return switch (type) {
            case F32 -> F32Weights.INSTANCE;
            case F16 -> F16Weights.INSTANCE;
            case BF16 -> BF16Weights.INSTANCE;
            case Q8_0 -> Q8_0.INSTANCE;
            case Q4_0 -> Q4_0.INSTANCE;
            case Q4_1 -> Q4_1.INSTANCE;
            case Q5_0 -> Q5_0.INSTANCE;
            case Q4_K -> Q4_K.INSTANCE;
            case Q5_K -> Q5_K.INSTANCE;
            case Q6_K -> Q6_K.INSTANCE;
            case Q5_1, Q8_1, Q2_K, Q3_K, Q8_K, I8, I16, I32, I64, F64 ->
                    throw new IllegalArgumentException("tensor type " + type + " is not supported by A1's kernels");
        };
    }

    private Formats() {}
}
