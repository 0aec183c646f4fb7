package a1.cli.demo;

import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.List;

/** Splits a model's layers into contiguous ranges of near-equal size, the larger ones first (5 in 3: 0-1, 2-3, 4). */
public final class LayerSplit {
    private LayerSplit() {}

    public static List<LayerRange> of(int layers, int parts) {
        if (parts < 1) throw new IllegalArgumentException("--peers must be at least 1, not " + parts);
        if (parts > layers) throw new IllegalArgumentException("--peers " + parts + " is more than the model's " + layers + " layers");
        List<LayerRange> ranges = new ArrayList<>(parts);
        int start = 0;
        for (int i = 0; i < parts; i++) {
            int size = layers / parts + (i < layers % parts ? 1 : 0);
            ranges.add(new LayerRange(start, start + size));
            start += size;
        }
        return ranges;
    }
}
