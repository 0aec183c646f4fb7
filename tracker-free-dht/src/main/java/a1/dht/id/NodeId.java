package a1.dht.id;

import a1.spec.Digests;
import a1.spec.FixedBytes;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/** A 160-bit DHT key: a node id, an infohash or a BEP 44 target. Immutable. */
public final class NodeId extends FixedBytes {

    public static final int LENGTH = 20;
    public static final int BITS = LENGTH * 8;

    private NodeId(byte[] bytes) {
        super(bytes, LENGTH, "a node id");
    }

    public static NodeId of(byte[] bytes) {
        return new NodeId(bytes);
    }

    public static NodeId ofHex(String hex) {
        return new NodeId(parseHex(hex, LENGTH, "a node id"));
    }

    public static NodeId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new NodeId(b);
    }

    public static NodeId sha1(byte[]... parts) {
        return new NodeId(Digests.sha1(parts));
    }

    /** Number of leading bits this id shares with the other (160 when equal). */
    public int commonPrefixBits(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /** Orders ids by XOR distance to this target, nearest first. */
    public Comparator<NodeId> byDistance() {
        return (a, b) -> {
            for (int i = 0; i < LENGTH; i++) {
                int da = (a.bytes[i] ^ bytes[i]) & 0xff;
                int db = (b.bytes[i] ^ bytes[i]) & 0xff;
                if (da != db) {
                    return Integer.compare(da, db);
                }
            }
            return 0;
        };
    }

    /** A random id sharing exactly {@code prefixBits} leading bits with this one (bucket refresh target). */
    public NodeId randomWithPrefix(int prefixBits, RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        for (int bit = 0; bit <= prefixBits && bit < BITS; bit++) {
            int mask = 0x80 >>> (bit % 8);
            int mine = bytes[bit / 8] & mask;
            int want = bit < prefixBits ? mine : mine ^ mask;
            b[bit / 8] = (byte) ((b[bit / 8] & ~mask) | want);
        }
        return new NodeId(b);
    }
}
