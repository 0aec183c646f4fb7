package a1.peer.kv;

import a1.kernels.F16;
import a1.spec.model.LayerRange;

/**
 * Keys and values of the layers one process runs, for one sequence. F16 entries are stored rounded to F16 in float
 * arrays: the arithmetic is exactly ggml's F16 cache (every F16 value is a float), at twice the memory.
 * Capacity is fixed at creation, so a session's memory is known and bounded before it starts. Each layer's array is
 * head-major ({@code [kvHead][position][headDim]}): attention reads one head's keys and values as a contiguous
 * block. A position-major array would space a head's rows {@code kvDim} apart (4 KB in a 4096-wide model), a stride
 * on which the CPU caches' sets alias: over 512 positions the same dots ran 1.2x (keys) and 1.55x (values) faster
 * on this layout.
 */
public final class KvCache {
    private final LayerRange layers;
    private final int kvHeads;
    private final int headDim;
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
            int at = headOffset(h) + pos * headDim, from = h * headDim;
            for (int i = 0; i < headDim; i++) {
                kc[at + i] = round(k[kOff + from + i]);
                vc[at + i] = round(v[vOff + from + i]);
            }
        }
    }

    /** Where head {@code kvHead}'s rows start in {@link #keys} and {@link #values}; its rows are {@code headDim} apart. */
    public int headOffset(int kvHead) {
        return kvHead * capacity * headDim;
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
