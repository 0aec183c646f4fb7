package a1.dht.store;

import a1.dht.id.NodeId;
import a1.spec.bencode.BValue;

/** A BEP 44 item: immutable (keyed by its hash) or mutable (keyed by public key and salt). */
public sealed interface Item permits ImmutableItem, MutableItem {

    NodeId target();

    BValue value();
}
