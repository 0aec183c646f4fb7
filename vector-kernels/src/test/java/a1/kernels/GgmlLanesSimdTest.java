package a1.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector paths of {@link GgmlLanes#gemmDot}, {@link GgmlLanes#vecDot} and their row and column forms give the scalar order's bits
 * (rerun by the build at every forced vector width; at widths other than 512 bits the scalar path runs).
 */
class GgmlLanesSimdTest {
    private final Random rnd = new Random(5);

    @Test
    void gemmDotOfAContiguousRowEqualsTheScalarChain() {
        float[] acc = GgmlLanes.scratch();
        for (int n : new int[] {16, 64, 128, 256, 17, 40}) {
            float[] x = random(n + 9), y = random(n + 5);
            for (int off = 0; off < 3; off++) {
                float want = GgmlLanes.gemmDotScalar(x, 9 - off, 1, y, 5 - off, n, acc);
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(GgmlLanes.gemmDot(x, 9 - off, 1, y, 5 - off, n, acc)), "n " + n);
            }
        }
    }

    @Test
    void reduceEachIsTheLaneTreeOfEachRun() {
        float[] lanes = random(5 + 16 * 16), out = new float[3 + 16];
        GgmlLanes.reduceEach(lanes, 5, out, 3);
        for (int i = 0; i < 16; i++) {
            float[] run = Arrays.copyOfRange(lanes, 5 + 16 * i, 5 + 16 * (i + 1));
            assertEquals(Float.floatToRawIntBits(GgmlLanes.reduce(run)), Float.floatToRawIntBits(out[3 + i]), "run " + i);
        }
    }

    @Test
    void rowsAgainstQueriesEqualTheScalarChainOfEachPair() {
        float[] acc = GgmlLanes.scratch();
        for (int n : new int[] {16, 64, 128, 40}) {
            for (int rows : new int[] {1, 3, 4, 33, 300}) {
                for (int queries : new int[] {1, 2, 4, 7}) {
                    int stride = n + 5, xOff = 3, yStride = n + 2, yOff = 2, outStride = rows + 3, outOff = 4;
                    float[] x = random(xOff + rows * stride), y = random(yOff + queries * yStride), out = new float[outOff + queries * outStride];
                    GgmlLanes.gemmDotRows(x, xOff, stride, rows, y, yOff, yStride, queries, n, out, outOff, outStride, acc);
                    for (int j = 0; j < queries; j++) {
                        for (int r = 0; r < rows; r++) {
                            float want = GgmlLanes.gemmDotScalar(x, xOff + r * stride, 1, y, yOff + j * yStride, n, acc);
                            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[outOff + j * outStride + r]),
                                    n + " long, " + rows + " rows, " + queries + " queries: row " + r + ", query " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void columnsEqualTheScalarChainOfEachColumn() {
        float[] acc = GgmlLanes.scratch();
        for (int cols : new int[] {16, 64, 128, 20}) {
            for (int n : new int[] {1, 15, 16, 33, 48, 300}) {
                int stride = cols + 7, xOff = 3, yOff = 2, outOff = 4;
                float[] x = random(xOff + n * stride), y = random(yOff + n), out = new float[outOff + cols];
                GgmlLanes.gemmDotColumns(x, xOff, stride, y, yOff, n, cols, out, outOff, acc);
                for (int d = 0; d < cols; d++) {
                    float want = GgmlLanes.gemmDotScalar(x, xOff + d, stride, y, yOff, n, acc);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[outOff + d]), cols + " columns, n " + n + ", column " + d);
                }
            }
        }
    }

    @Test
    void vecDotOfAContiguousRowEqualsTheScalarOrder() {
        float[] acc = GgmlLanes.scratch();
        for (int n : new int[] {64, 128, 200, 256}) {
            float[] x = random(n + 3), y = random(n + 1);
            int padded = (n + 31) & ~31;
            float want = GgmlLanes.vecDotScalar(x, 3, 1, y, 1, n, padded, acc);
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(GgmlLanes.vecDot(x, 3, 1, y, 1, n, padded, acc)), "n " + n);
        }
    }

    @Test
    void vecDotColumnsEqualTheScalarOrderOfEachColumn() {
        float[] acc = GgmlLanes.scratch();
        for (int cols : new int[] {16, 128, 20}) {
            for (int n : new int[] {1, 31, 64, 100, 129, 300}) {
                int stride = cols + 5, xOff = 2, yOff = 3, outOff = 1, padded = (n + 31) & ~31;
                float[] x = random(xOff + n * stride), y = random(yOff + n), out = new float[outOff + cols];
                GgmlLanes.vecDotColumns(x, xOff, stride, y, yOff, n, padded, cols, out, outOff, acc);
                for (int d = 0; d < cols; d++) {
                    float want = GgmlLanes.vecDotScalar(x, xOff + d, stride, y, yOff, n, padded, acc);
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[outOff + d]), cols + " columns, n " + n + ", column " + d);
                }
            }
        }
    }

    /** Gaussian values with some exact zeros and F16-rounded ones, as attention's inputs are. */
    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            float g = (float) rnd.nextGaussian();
            v[i] = i % 7 == 0 ? 0f : i % 3 == 0 ? Float.float16ToFloat(Float.floatToFloat16(g)) : g;
        }
        return v;
    }
}
