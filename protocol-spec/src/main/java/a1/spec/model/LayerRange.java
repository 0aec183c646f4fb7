package a1.spec.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous range of transformer layers, {@code [start, end)}. Written for people as the inclusive "A-B"
 * ({@code 0-4} is layers 0, 1, 2, 3 and 4), which is how ranges appear on command lines and in status tables.
 */
public record LayerRange(int start, int end) {

    public LayerRange {
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad layer range [" + start + ", " + end + ")");
    }

    /** All layers of a model with {@code layers} blocks. */
    public static LayerRange all(int layers) {
        return new LayerRange(0, layers);
    }

    /** {@code layers} split into {@code parts} contiguous ranges of near-equal size, the larger first (5 in 3: 0-1, 2-3, 4). */
    public static List<LayerRange> split(int layers, int parts) {
        if (parts < 1 || parts > layers) throw new IllegalArgumentException("cannot split " + layers + " layers into " + parts + " ranges");
        List<LayerRange> ranges = new ArrayList<>(parts);
        int start = 0;
        for (int i = 0; i < parts; i++) {
            int size = layers / parts + (i < layers % parts ? 1 : 0);
            ranges.add(new LayerRange(start, start + size));
            start += size;
        }
        return ranges;
    }

    /** Parses the inclusive form "A-B" (or a single layer "A"). */
    public static LayerRange parse(String text) {
        String s = text.strip();
        int dash = s.indexOf('-');
        try {
            int a = Integer.parseInt(dash < 0 ? s : s.substring(0, dash).strip());
            int b = dash < 0 ? a : Integer.parseInt(s.substring(dash + 1).strip());
            if (a < 0 || b < a) throw new IllegalArgumentException("layer range \"" + text + "\" must be A-B with 0 <= A <= B");
            return new LayerRange(a, b + 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer range \"" + text + "\" must look like 0-4");
        }
    }

    public int size() {
        return end - start;
    }

    public boolean contains(int layer) {
        return layer >= start && layer < end;
    }

    public boolean within(int layers) {
        return end <= layers;
    }

    public boolean isFirst() {
        return start == 0;
    }

    public boolean isLast(int layers) {
        return end == layers;
    }

    @Override
    public String toString() {
        return start + "-" + (end - 1);
    }
}
