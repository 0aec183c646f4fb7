package a1.peer.model;

import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufValue;
import a1.spec.gguf.GgufValueType;
import a1.spec.gguf.GgufWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes Llama-shaped GGUF files with random weights in any supported type: small ones for tests, and models of
 * gigabytes for benchmarks (llama.cpp runs the same files). Quantized blocks are random bits with small, positive
 * F16 scales, so every value is finite and activations stay in a realistic range.
 *
 * @param tokenizerFrom a GGUF whose {@code tokenizer.*} keys are copied (its vocabulary size sets the model's)
 */
public record SyntheticModel(int dim, int layers, int heads, int kvHeads, int ffnDim, GgmlType type, long seed, Path tokenizerFrom) {
    private static final ValueLayout.OfShort F16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public SyntheticModel {
        if (dim < 1 || layers < 1 || heads < 1 || kvHeads < 1 || ffnDim < 1) throw new IllegalArgumentException("dim, layers, heads, kv-heads and ffn must be at least 1");
        if (!type.supported()) throw new IllegalArgumentException("A1 cannot compute with " + type);
        if (dim % type.blockSize() != 0 || ffnDim % type.blockSize() != 0) {
            throw new IllegalArgumentException("dim and ffn must be multiples of the " + type + " block size " + type.blockSize());
        }
        if (dim % heads != 0 || heads % kvHeads != 0) throw new IllegalArgumentException("heads must divide dim and be a multiple of kv-heads");
    }

    /** Bytes of weights the model holds (excluding metadata); a shape whose size overflows a long is refused. */
    public long weightBytes(int vocab) {
        long kvDim = (long) dim / heads * kvHeads;
        try {
            long perLayer = Math.addExact(Math.addExact(Math.multiplyExact(type.byteSize((long) dim * dim), 2), Math.multiplyExact(type.byteSize(kvDim * dim), 2)),
                    Math.multiplyExact(type.byteSize((long) ffnDim * dim), 3));
            return Math.addExact(Math.multiplyExact(perLayer, layers), Math.multiplyExact(type.byteSize((long) vocab * dim), 2));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a model of this shape would take more than 9 EB");
        }
    }

    /** Bytes of weights the written file will hold, with the vocabulary of {@link #tokenizerFrom}. */
    public long weightBytes() throws IOException {
        try (GgufFile vocab = GgufFile.open(tokenizerFrom)) {
            return weightBytes(vocabSize(vocab));
        }
    }

    private static int vocabSize(GgufFile vocab) {
        return vocab.metadata().getArray("tokenizer.ggml.tokens").size();
    }

    /** Writes the model; its tensors are built in memory first, so it needs as much free memory as {@link #weightBytes()}. */
    public void write(Path out) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (GgufFile vocab = GgufFile.open(tokenizerFrom); Arena arena = Arena.ofConfined()) {
            int nVocab = vocabSize(vocab);
            int kvDim = dim / heads * kvHeads;
            GgufWriter w = new GgufWriter()
                    .metadata("general.architecture", GgufValue.ofString("llama"))
                    .metadata("general.name", GgufValue.ofString("a1-synthetic-" + type))
                    .metadata("llama.context_length", GgufValue.ofUInt32(4096))
                    .metadata("llama.embedding_length", GgufValue.ofUInt32(dim))
                    .metadata("llama.block_count", GgufValue.ofUInt32(layers))
                    .metadata("llama.feed_forward_length", GgufValue.ofUInt32(ffnDim))
                    .metadata("llama.rope.dimension_count", GgufValue.ofUInt32(dim / heads))
                    .metadata("llama.attention.head_count", GgufValue.ofUInt32(heads))
                    .metadata("llama.attention.head_count_kv", GgufValue.ofUInt32(kvHeads))
                    .metadata("llama.attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-5f))
                    .metadata("llama.rope.freq_base", GgufValue.ofFloat32(10000f));
            vocab.metadata().asMap().forEach((k, v) -> {
                if (k.startsWith("tokenizer.")) w.metadata(k, v);
            });
            w.tensor("token_embd.weight", type, new long[] {dim, nVocab}, random(arena, type, (long) dim * nVocab, rnd));
            for (int i = 0; i < layers; i++) {
                String b = "blk." + i + ".";
                w.tensor(b + "attn_norm.weight", GgmlType.F32, new long[] {dim}, norm(arena, dim, rnd));
                w.tensor(b + "attn_q.weight", type, new long[] {dim, dim}, random(arena, type, (long) dim * dim, rnd));
                w.tensor(b + "attn_k.weight", type, new long[] {dim, kvDim}, random(arena, type, (long) dim * kvDim, rnd));
                w.tensor(b + "attn_v.weight", type, new long[] {dim, kvDim}, random(arena, type, (long) dim * kvDim, rnd));
                w.tensor(b + "attn_output.weight", type, new long[] {dim, dim}, random(arena, type, (long) dim * dim, rnd));
                w.tensor(b + "ffn_norm.weight", GgmlType.F32, new long[] {dim}, norm(arena, dim, rnd));
                w.tensor(b + "ffn_gate.weight", type, new long[] {dim, ffnDim}, random(arena, type, (long) dim * ffnDim, rnd));
                w.tensor(b + "ffn_up.weight", type, new long[] {dim, ffnDim}, random(arena, type, (long) dim * ffnDim, rnd));
                w.tensor(b + "ffn_down.weight", type, new long[] {ffnDim, dim}, random(arena, type, (long) ffnDim * dim, rnd));
            }
            w.tensor("output_norm.weight", GgmlType.F32, new long[] {dim}, norm(arena, dim, rnd));
            w.tensor("output.weight", type, new long[] {dim, nVocab}, random(arena, type, (long) dim * nVocab, rnd));
            w.metadata("general.alignment", GgufValue.ofUInt32(GgufFile.DEFAULT_ALIGNMENT));
            w.write(out);
        }
    }

    private static MemorySegment norm(Arena arena, int n, SplittableRandom rnd) {
        MemorySegment s = arena.allocate(4L * n);
        for (int i = 0; i < n; i++) s.setAtIndex(F32_LE, i, (float) (1 + 0.1 * rnd.nextGaussian()));
        return s;
    }

    /** Random values of {@code type}: plain floats ~N(0, 0.02), or random quant bits with small scales. */
    static MemorySegment random(Arena arena, GgmlType type, long elements, SplittableRandom rnd) {
        MemorySegment s = arena.allocate(type.byteSize(elements));
        switch (type) {
            case F32 -> {
                for (long i = 0; i < elements; i++) s.setAtIndex(F32_LE, i, (float) (0.02 * rnd.nextGaussian()));
            }
            case F16 -> {
                for (long i = 0; i < elements; i++) s.setAtIndex(F16_LE, i, Float.floatToFloat16((float) (0.02 * rnd.nextGaussian())));
            }
            case BF16 -> {
                for (long i = 0; i < elements; i++) s.setAtIndex(F16_LE, i, (short) (Float.floatToRawIntBits((float) (0.02 * rnd.nextGaussian())) >>> 16));
            }
            default -> {
                long longs = s.byteSize() / 8;
                for (long i = 0; i < longs; i++) s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, rnd.nextLong());
                for (long i = longs * 8; i < s.byteSize(); i++) s.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
                long blocks = elements / type.blockSize();
                for (long b = 0; b < blocks; b++) {
                    long at = b * type.blockBytes();
                    for (int off : scaleOffsets(type)) s.set(F16_LE, at + off, Float.floatToFloat16((float) (0.0005 + 0.001 * rnd.nextDouble())));
                }
            }
        }
        return s;
    }

    /** Byte offsets of the F16 scale fields inside one block (d, and dmin/m where the format has one). */
    private static int[] scaleOffsets(GgmlType type) {
        return switch (type) {
            case Q8_0, Q4_0, Q5_0 -> new int[] {0};
            case Q4_1, Q4_K, Q5_K -> new int[] {0, 2};
            case Q6_K -> new int[] {208};
            default -> throw new IllegalArgumentException("no synthetic blocks for " + type);
        };
    }
}
