package a1.dht.store;

import a1.dht.bencode.BValue;
import a1.dht.id.NodeId;

/** A BEP 44 item: immutable (keyed by its hash) or mutable (keyed by public key and salt). */
public sealed interface Item permits ImmutableItem, MutableItem {

    NodeId target();

    BValue value();
}
