package a1.peer.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a1.kernels.F16;
import a1.spec.model.LayerRange;
import org.junit.jupiter.api.Test;

class KvCacheTest {
    private static final int HEADS = 3, HEAD_DIM = 4, CAPACITY = 5;

    @Test
    void storesEachHeadsRowsTogetherAtItsOffset() {
        KvCache kv = new KvCache(new LayerRange(2, 4), HEADS, HEAD_DIM, CAPACITY, KvType.F32);
        float[] k = new float[1 + HEADS * HEAD_DIM], v = new float[2 + HEADS * HEAD_DIM];
        for (int pos = 0; pos < CAPACITY; pos++) {
            for (int i = 0; i < HEADS * HEAD_DIM; i++) {
                k[1 + i] = 1000 * pos + i;
                v[2 + i] = -(1000 * pos + i);
            }
            kv.store(3, pos, k, 1, v, 2);
        }
        for (int h = 0; h < HEADS; h++) {
            assertEquals(h * CAPACITY * HEAD_DIM, kv.headOffset(h));
            for (int pos = 0; pos < CAPACITY; pos++) {
                for (int d = 0; d < HEAD_DIM; d++) {
                    int at = kv.headOffset(h) + pos * HEAD_DIM + d;
                    assertEquals(1000 * pos + h * HEAD_DIM + d, kv.keys(3)[at], "key of head " + h + ", position " + pos);
                    assertEquals(-(1000 * pos + h * HEAD_DIM + d), kv.values(3)[at], "value of head " + h + ", position " + pos);
                }
            }
        }
        assertEquals(0f, kv.keys(2)[0], "another layer's rows are its own");
        assertEquals(2L * 2 * CAPACITY * HEADS * HEAD_DIM * Float.BYTES, kv.bytes());
    }

    @Test
    void anF16CacheStoresRoundedEntries() {
        KvCache kv = new KvCache(new LayerRange(0, 1), 1, 1, 1, KvType.F16);
        float x = 1.0001f;
        kv.store(0, 0, new float[] {x}, 0, new float[] {-x}, 0);
        assertEquals(F16.round(x), kv.keys(0)[0]);
        assertEquals(F16.round(-x), kv.values(0)[0]);
    }

    @Test
    void appendsOnlyAtItsLengthAndWithinItsCapacity() {
        KvCache kv = new KvCache(new LayerRange(0, 1), HEADS, HEAD_DIM, CAPACITY, KvType.F32);
        kv.checkAppend(0, CAPACITY);
        kv.commit(3);
        assertEquals(3, kv.length());
        assertThrows(IllegalArgumentException.class, () -> kv.checkAppend(2, 1));
        assertThrows(IllegalArgumentException.class, () -> kv.checkAppend(3, 3));
        kv.truncate(1);
        kv.checkAppend(1, 4);
        assertThrows(IllegalArgumentException.class, () -> kv.truncate(2));
    }
}
