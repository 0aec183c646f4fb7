package a1.swarm.dht;

import a1.dht.id.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The value of a model's mutable index item (SPEC.md 9.3, "Index"): a 26-byte string, version 1, tree depth,
 * manifest length (4 bytes, big-endian) and the root item's key. Validated on construction (depth must match the
 * length), so a decoded index is sane; it is still only a claim until the manifest it leads to verifies.
 */
public record ManifestIndex(int depth, int length, NodeId root) {
    public static final int VERSION = 1;
    public static final int BYTES = 26;

    public ManifestIndex {
        if (length < 1 || length > ManifestTree.MAX_LENGTH) throw new IllegalArgumentException("manifest index length " + length + " is not 1.." + ManifestTree.MAX_LENGTH);
        if (depth != depthFor(length)) throw new IllegalArgumentException("manifest index depth " + depth + " does not fit length " + length);
    }

    /** The only depth a manifest of {@code length} bytes can have (the tree is built bottom-up, full nodes first). */
    static int depthFor(int length) {
        int depth = 0;
        for (long nodes = ManifestTree.leaves(length); nodes > 1; nodes = (nodes + ManifestTree.FANOUT - 1) / ManifestTree.FANOUT) depth++;
        return depth;
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).put((byte) VERSION).put((byte) depth).putInt(length).put(root.bytes()).array();
    }

    public static ManifestIndex decode(byte[] v) {
        if (v.length != BYTES || v[0] != VERSION) throw new IllegalArgumentException("manifest index is not " + BYTES + " bytes of version " + VERSION);
        ByteBuffer b = ByteBuffer.wrap(v);
        b.get();
        int depth = b.get();
        int length = b.getInt();
        return new ManifestIndex(depth, length, NodeId.of(Arrays.copyOfRange(v, 6, BYTES)));
    }
}
