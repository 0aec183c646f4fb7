package a1.kernels.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.kernels.BF16;
import a1.kernels.Dequant;
import a1.kernels.F16;
import a1.kernels.SharedModels;
import a1.kernels.WeightMatrix;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufTensorInfo;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The synth-k files were quantized by llama.cpp from synth-k.F32.gguf. Dequantizing each tensor of each quantized
 * file must give back the F32 tensor within that format's error: exactly the rounded value for F16 and BF16, half
 * a quant step for Q8_0, and a relative RMS error typical of the format for the others.
 */
class RealTensorsMatchF32Test {
    private static GgufFile f32;

    @BeforeAll
    static void open() throws IOException {
        f32 = GgufFile.open(SharedModels.model("synth-k.F32.gguf"));
    }

    @AfterAll
    static void close() {
        f32.close();
    }

    @ParameterizedTest
    @CsvSource({
        "synth-k.F16.gguf, 0.0005",
        "synth-k.BF16.gguf, 0.004",
        "synth-k.Q8_0.gguf, 0.006",
        "synth-k.Q4_0.gguf, 0.11",
        "synth-k.Q4_K.pure.gguf, 0.10",
        "synth-k.Q4_K_S.gguf, 0.10",
        "synth-k.Q6_K.gguf, 0.025",
    })
    void everyTensorDequantizesCloseToTheF32Original(String file, double maxRelRms) throws IOException {
        Set<GgmlType> seen = EnumSet.noneOf(GgmlType.class);
        try (GgufFile q = GgufFile.open(SharedModels.model(file))) {
            for (GgufTensorInfo t : q.tensors()) {
                GgufTensorInfo ref = f32.tensor(t.name());
                int cols = (int) t.dim(0), rows = (int) t.dim(1);
                assertArrayEquals(ref.dims(), t.dims(), t.name());
                seen.add(t.type());
                if (t.rank() == 1) {
                    assertArrayEquals(Dequant.toFloats(ref.type(), f32.data(ref), cols), Dequant.toFloats(t.type(), q.data(t), cols), t.name());
                    continue;
                }
                WeightMatrix wq = new WeightMatrix(t.type(), q.data(t), rows, cols);
                WeightMatrix wf = new WeightMatrix(GgmlType.F32, f32.data(ref), rows, cols);
                float[] a = new float[cols], b = new float[cols];
                double err = 0, norm = 0;
                for (int r = 0; r < rows; r++) {
                    Dequant.row(wq, r, a, 0);
                    Dequant.row(wf, r, b, 0);
                    for (int i = 0; i < cols; i++) {
                        switch (t.type()) {
                            case F16 -> assertEquals(F16.round(b[i]), a[i], t.name());
                            case BF16 -> assertEquals(BF16.round(b[i]), a[i], t.name());
                            case Q8_0 -> assertTrue(Math.abs(a[i] - b[i]) <= halfStepQ8_0(b, i), t.name() + " row " + r + " col " + i);
                            default -> { }
                        }
                        err += (a[i] - b[i]) * (double) (a[i] - b[i]);
                        norm += b[i] * (double) b[i];
                    }
                }
                double relRms = Math.sqrt(err / norm);
                assertTrue(relRms <= maxRelRms, t.name() + " " + t.type() + " relative RMS error " + relRms);
            }
        }
        assertTrue(seen.size() >= 2, "expected quantized 2-D tensors and F32 norms in " + file + ", saw " + seen);
    }

    /** Half of the block's step amax/127, plus what rounding the step to F16 can add at the block's extremes. */
    private static double halfStepQ8_0(float[] row, int i) {
        int start = i / 32 * 32;
        float amax = 0;
        for (int j = start; j < start + 32; j++) amax = Math.max(amax, Math.abs(row[j]));
        float d = amax / 127;
        return d * 0.5 * (1 + 1e-6) + 127 * Math.abs(d - F16.round(d));
    }
}
