package a1.spec.manifest;

import java.util.Objects;

/** Model facts copied from the GGUF metadata ({@code <arch>.*} keys); 0 means the GGUF does not say. */
public record ModelInfo(String name, String architecture, int layerCount, int embeddingLength, int feedForwardLength,
                        int headCount, int headCountKv, int contextLength, int vocabSize) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
        if (layerCount < 0 || embeddingLength < 0 || feedForwardLength < 0 || headCount < 0 || headCountKv < 0 || contextLength < 0 || vocabSize < 0) {
            throw new IllegalArgumentException("model dimensions must not be negative");
        }
    }
}
