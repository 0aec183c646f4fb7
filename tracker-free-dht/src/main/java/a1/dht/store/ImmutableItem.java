package a1.dht.store;

import a1.dht.id.NodeId;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;

/** A BEP 44 immutable item: stored under the SHA-1 of its bencoded value. */
public record ImmutableItem(BValue value) implements Item {

    public ImmutableItem {
        int size = Bencode.encode(value).length;
        if (size > Bep44.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("item value is " + size + " bytes, limit " + Bep44.MAX_VALUE_BYTES);
        }
    }

    @Override
    public NodeId target() {
        return NodeId.sha1(Bencode.encode(value));
    }
}
