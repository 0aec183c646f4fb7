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
                    int at = kv.headOffset(h);
                    assertEquals(1000 * pos + h * HEAD_DIM + d, kv.keys(3)[at + pos * HEAD_DIM + d], "key of head " + h + ", position " + pos);
                    assertEquals(-(1000 * pos + h * HEAD_DIM + d), kv.values(3)[at + kv.valueRow(d, pos) + d % kv.valueBlock()], "value of head " + h + ", position " + pos);
                }
            }
        }
        assertEquals(0f, kv.keys(2)[0], "another layer's rows are its own");
        assertEquals(2L * 2 * CAPACITY * HEADS * HEAD_DIM * Float.BYTES, kv.bytes());
    }

    @Test
    void valuesOfHeadsWiderThan16AreStoredInBlocksOf16Columns() {
        int heads = 2, headDim = 32, capacity = 3;
        KvCache kv = new KvCache(new LayerRange(0, 1), heads, headDim, capacity, KvType.F32);
        assertEquals(16, kv.valueBlock());
        float[] v = new float[heads * headDim];
        for (int pos = 0; pos < capacity; pos++) {
            for (int i = 0; i < v.length; i++) v[i] = 100 * pos + i;
            kv.store(0, pos, new float[v.length], 0, v, 0);
        }
        for (int h = 0; h < heads; h++) {
            for (int pos = 0; pos < capacity; pos++) {
                for (int d = 0; d < headDim; d++) {
                    // [head][block of 16 columns][position][column in the block]
                    int at = ((h * 2 + d / 16) * capacity + pos) * 16 + d % 16;
                    assertEquals(100 * pos + h * headDim + d, kv.values(0)[at], "head " + h + ", position " + pos + ", column " + d);
                }
            }
        }
        assertEquals((capacity + 2) * 16, kv.valueRow(17, 2));
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
