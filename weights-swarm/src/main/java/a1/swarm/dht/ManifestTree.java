package a1.swarm.dht;

import a1.spec.bencode.BString;
import a1.dht.id.NodeId;
import a1.dht.store.ImmutableItem;
import a1.spec.manifest.ManifestCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A signed manifest cut into BEP 44 immutable items (SPEC.md 9.2, "Manifest tree"): leaves hold up to
 * {@value #LEAF_BYTES} bytes of it in order, interior nodes the 20-byte keys of up to {@value #FANOUT} children.
 * Pure functions; the network side is {@link DhtDiscovery}.
 */
public final class ManifestTree {
    /** Leaf payload: a bencoded byte string of 992 bytes ("992:" + data) is 996 bytes, within BEP 44's 1000. */
    public static final int LEAF_BYTES = 992;
    /** Children per interior node: 49 keys are 980 bytes, 984 bencoded. */
    public static final int FANOUT = 49;
    /** The largest signed manifest a reader accepts (as {@code SignedManifest.decode} does). */
    public static final int MAX_LENGTH = ManifestCodec.MAX_BYTES + 256;

    private ManifestTree() {}

    /** The items to store, and the root key with the tree's depth and the manifest's length. */
    public record Built(List<byte[]> items, ManifestIndex index) {}

    public static Built build(byte[] signedManifest) {
        if (signedManifest.length == 0 || signedManifest.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a signed manifest has 1.." + MAX_LENGTH + " bytes, got " + signedManifest.length);
        }
        List<byte[]> items = new ArrayList<>();
        List<byte[]> level = new ArrayList<>();
        for (int off = 0; off < signedManifest.length; off += LEAF_BYTES) {
            level.add(Arrays.copyOfRange(signedManifest, off, Math.min(signedManifest.length, off + LEAF_BYTES)));
        }
        int depth = 0;
        while (true) {
            items.addAll(level);
            if (level.size() == 1) break;
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += FANOUT) {
                List<byte[]> group = level.subList(i, Math.min(level.size(), i + FANOUT));
                byte[] node = new byte[group.size() * NodeId.LENGTH];
                for (int j = 0; j < group.size(); j++) System.arraycopy(key(group.get(j)).bytes(), 0, node, j * NodeId.LENGTH, NodeId.LENGTH);
                up.add(node);
            }
            level = up;
            depth++;
        }
        return new Built(items, new ManifestIndex(depth, signedManifest.length, key(level.get(0))));
    }

    /** An item's DHT key: SHA-1 of its bencoded value (BEP 44). */
    public static NodeId key(byte[] value) {
        return new ImmutableItem(new BString(value)).target();
    }

    /** How many leaves a manifest of {@code length} bytes has. */
    static int leaves(long length) {
        return (int) ((length + LEAF_BYTES - 1) / LEAF_BYTES);
    }

    /** The keys inside an interior node; a clear error when it is not a whole, non-empty list of keys. */
    static List<NodeId> children(byte[] node) {
        if (node.length == 0 || node.length % NodeId.LENGTH != 0 || node.length > FANOUT * NodeId.LENGTH) {
            throw new IllegalArgumentException("interior manifest item of " + node.length + " bytes is not 1.." + FANOUT + " keys");
        }
        List<NodeId> keys = new ArrayList<>();
        for (int off = 0; off < node.length; off += NodeId.LENGTH) keys.add(NodeId.of(Arrays.copyOfRange(node, off, off + NodeId.LENGTH)));
        return keys;
    }
}
