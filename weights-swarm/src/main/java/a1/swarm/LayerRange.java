package a1.swarm;

/** An inclusive range of transformer layers, written {@code A-B} (or {@code A} for one layer). */
public record LayerRange(int first, int last) {
    public LayerRange {
        if (first < 0 || last < first) throw new IllegalArgumentException("bad layer range " + first + "-" + last);
    }

    public static LayerRange parse(String s) {
        String[] parts = s.trim().split("-", -1);
        try {
            if (parts.length == 1) return new LayerRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[0]));
            if (parts.length == 2) return new LayerRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            // fall through to the one error message
        }
        throw new IllegalArgumentException("layer range '" + s + "' is not A-B with 0 <= A <= B");
    }

    public boolean contains(int layer) {
        return layer >= first && layer <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
