package a1.peer.kv;

import a1.kernels.F16;
import a1.spec.model.LayerRange;

/**
 * Keys and values of the layers one process runs, for one sequence. F16 entries are stored rounded to F16 in float
 * arrays: the arithmetic is exactly ggml's F16 cache (every F16 value is a float), at twice the memory.
 * Capacity is fixed at creation, so a session's memory is known and bounded before it starts. Each layer's arrays
 * are head-major, so that attention reads one head's keys and values as a contiguous block: keys as
 * {@code [kvHead][position][headDim]}, values as {@code [kvHead][column block][position][valueBlock()]}, since a
 * value sum walks one block of 16 columns down all positions. A position-major array would space a head's rows
 * {@code kvDim} apart (4 KB in a 4096-wide model), and a block's rows of a 128-wide head 512 bytes apart; on such
 * strides the CPU caches' sets alias. Measured in one process over 512 positions: the same dots ran 1.2x (keys) and
 * 1.55x (values) faster head-major, and the whole attention 1.11-1.13x faster again with the value blocks.
 */
public final class KvCache {
    /** Columns per value block: one 16-lane vector, the width of the value sums' chains. */
    private static final int VALUE_BLOCK = 16;
    private final LayerRange layers;
    private final int kvHeads;
    private final int headDim;
    private final int valueBlock;
    private final int capacity;
    private final KvType type;
    private final float[][] keys;
    private final float[][] values;
    private int length;

    public KvCache(LayerRange layers, int kvHeads, int headDim, int capacity, KvType type) {
        if (capacity <= 0) throw new IllegalArgumentException("KV capacity must be positive");
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.valueBlock = headDim % VALUE_BLOCK == 0 ? VALUE_BLOCK : headDim;
        this.capacity = capacity;
        this.type = type;
        int size = Math.multiplyExact(Math.multiplyExact(capacity, kvHeads), headDim);
        this.keys = new float[layers.size()][size];
        this.values = new float[layers.size()][size];
    }

    public LayerRange layers() {
        return layers;
    }

    public KvType type() {
        return type;
    }

    public int capacity() {
        return capacity;
    }

    /** Positions cached so far. */
    public int length() {
        return length;
    }

    /** Bytes this cache holds (as stored). */
    public long bytes() {
        return 2L * layers.size() * capacity * kvHeads * headDim * Float.BYTES;
    }

    /** Forgets every position from {@code newLength} on (used when a request is replayed after a failover). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) throw new IllegalArgumentException("cannot truncate a KV cache of " + length + " positions to " + newLength);
        length = newLength;
    }

    /** Checks that {@code n} positions can be appended at {@code pos}, the current length. */
    public void checkAppend(int pos, int n) {
        if (pos != length) throw new IllegalArgumentException("position " + pos + " does not follow the cached " + length + " positions");
        if (pos + n > capacity) throw new IllegalArgumentException("sequence of " + (pos + n) + " positions exceeds the context of " + capacity);
    }

    /** Marks {@code n} appended positions as cached, once every layer has stored them. */
    public void commit(int n) {
        length += n;
    }

    /** Stores the keys and values of position {@code pos}: {@code kvHeads * headDim} of each, head after head. */
    public void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        float[] kc = keys[layer - layers.start()];
        float[] vc = values[layer - layers.start()];
        for (int h = 0; h < kvHeads; h++) {
            int at = headOffset(h), from = h * headDim;
            for (int i = 0; i < headDim; i++) {
                kc[at + pos * headDim + i] = round(k[kOff + from + i]);
                vc[at + valueRow(i, pos) + i % valueBlock] = round(v[vOff + from + i]);
            }
        }
    }

    /**
     * Where head {@code kvHead} starts in {@link #keys} and {@link #values}: its key rows follow, {@code headDim}
     * apart, and its value blocks, {@code capacity * valueBlock()} apart.
     */
    public int headOffset(int kvHead) {
        return kvHead * capacity * headDim;
    }

    /** Columns per value block; a block's rows are this many floats apart. */
    public int valueBlock() {
        return valueBlock;
    }

    /** Where, from its head's offset, the row of position {@code pos} in the value block of column {@code column} starts. */
    public int valueRow(int column, int pos) {
        return (column / valueBlock * capacity + pos) * valueBlock;
    }

    public float round(float x) {
        return type == KvType.F16 ? F16.round(x) : x;
    }

    public float[] keys(int layer) {
        return keys[layer - layers.start()];
    }

    public float[] values(int layer) {
        return values[layer - layers.start()];
    }
}
