package a1.spec.bencode;

/** A bencoded integer (64-bit signed, the range every DHT field needs). */
public record BInt(long value) implements BValue {
}
