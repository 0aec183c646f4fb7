package a1.peer.kv;

import a1.kernels.F16;
import a1.spec.model.LayerRange;

/**
 * Keys and values of the layers one process runs, for one sequence. F16 entries are stored rounded to F16 in float
 * arrays: the arithmetic is exactly ggml's F16 cache (every F16 value is a float), at twice the memory.
 * Capacity is fixed at creation, so a session's memory is known and bounded before it starts.
 */
public final class KvCache {
    private final LayerRange layers;
    private final int kvDim;
    private final int capacity;
    private final KvType type;
    private final float[][] keys;
    private final float[][] values;
    private int length;

    public KvCache(LayerRange layers, int kvDim, int capacity, KvType type) {
        if (capacity <= 0) throw new IllegalArgumentException("KV capacity must be positive");
        this.layers = layers;
        this.kvDim = kvDim;
        this.capacity = capacity;
        this.type = type;
        this.keys = new float[layers.size()][Math.multiplyExact(capacity, kvDim)];
        this.values = new float[layers.size()][Math.multiplyExact(capacity, kvDim)];
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
        return 2L * layers.size() * capacity * kvDim * Float.BYTES;
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

    public void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        int at = pos * kvDim;
        float[] kc = keys[layer - layers.start()];
        float[] vc = values[layer - layers.start()];
        for (int i = 0; i < kvDim; i++) {
            kc[at + i] = round(k[kOff + i]);
            vc[at + i] = round(v[vOff + i]);
        }
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
