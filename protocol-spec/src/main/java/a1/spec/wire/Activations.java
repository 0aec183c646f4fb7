package a1.spec.wire;

import java.util.Arrays;

/**
 * {@code tokens} activation vectors of {@code width} values each, row-major, as carried by {@code encoding}: the
 * values are already rounded to it, so decoding what was encoded gives back exactly these values.
 */
public record Activations(Encoding encoding, int tokens, int width, float[] values) {
    /** Largest vector width accepted (wider than any model A1 runs). */
    public static final int MAX_WIDTH = 1 << 16;

    public Activations {
        if (encoding == null) throw new WireException("encoding is required");
        if (tokens <= 0 || width <= 0 || width > MAX_WIDTH) throw new WireException("bad activation shape " + tokens + " x " + width);
        if (values == null || values.length != (long) tokens * width) throw new WireException("activations hold " + (values == null ? 0 : values.length) + " values, not " + tokens + " x " + width);
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) v[i] = encoding.round(values[i]);
        values = v;
    }

    /** The first {@code tokens * width} values of {@code x}. */
    public static Activations of(Encoding encoding, float[] x, int tokens, int width) {
        return new Activations(encoding, tokens, width, Arrays.copyOf(x, tokens * width));
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public int byteSize() {
        return values.length * encoding.bytesPerValue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activations a && encoding == a.encoding && tokens == a.tokens && width == a.width && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + tokens;
    }

    @Override
    public String toString() {
        return "Activations(" + encoding + ", " + tokens + " x " + width + ")";
    }
}
