package a1.dht.routing;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable k-bucket: live contacts (least recently seen first), a bounded replacement cache of
 * contacts waiting for a slot, and when the bucket last changed (for refresh).
 */
record Bucket(List<Contact> live, List<Contact> replacements, long lastChanged) {

    /** A contact with liveness bookkeeping. */
    record Contact(NodeInfo node, long lastSeen, int failures) {
    }

    Bucket {
        live = List.copyOf(live);
        replacements = List.copyOf(replacements);
    }

    static Bucket empty(long now) {
        return new Bucket(List.of(), List.of(), now);
    }

    int indexOf(NodeId id) {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).node().id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The contact responded: refresh it, add it if there is room, evict a stale one, or queue it. */
    Bucket seen(NodeInfo node, long now, int k, int maxFailures) {
        List<Contact> l = new ArrayList<>(live);
        int i = indexOf(node.id());
        if (i >= 0) {
            if (!l.get(i).node().address().equals(node.address())) {
                return this; // same id from another address: keep the proven contact, ignore the claim
            }
            l.remove(i);
            l.add(new Contact(node, now, 0));
            return new Bucket(l, replacements, now);
        }
        Contact fresh = new Contact(node, now, 0);
        if (l.size() < k) {
            l.add(fresh);
            return new Bucket(l, withoutNode(replacements, node), now);
        }
        for (int j = 0; j < l.size(); j++) {
            if (l.get(j).failures() >= maxFailures) {
                l.remove(j);
                l.add(fresh);
                return new Bucket(l, withoutNode(replacements, node), now);
            }
        }
        List<Contact> r = new ArrayList<>(withoutNode(replacements, node));
        r.add(fresh);
        if (r.size() > k) {
            r.remove(0);
        }
        return new Bucket(live, r, lastChanged);
    }

    /** A query to the contact timed out: count it, and swap in the newest replacement once it is stale. */
    Bucket failed(NodeInfo node, int maxFailures) {
        int i = indexOf(node.id());
        if (i < 0) {
            return this;
        }
        List<Contact> l = new ArrayList<>(live);
        Contact c = l.get(i);
        Contact counted = new Contact(c.node(), c.lastSeen(), c.failures() + 1);
        if (counted.failures() >= maxFailures && !replacements.isEmpty()) {
            List<Contact> r = new ArrayList<>(replacements);
            l.remove(i);
            l.add(r.removeLast());
            return new Bucket(l, r, lastChanged);
        }
        l.set(i, counted);
        return new Bucket(l, replacements, lastChanged);
    }

    boolean hasRoomFor(int k, int maxFailures) {
        return live.size() < k || live.stream().anyMatch(c -> c.failures() >= maxFailures);
    }

    private static List<Contact> withoutNode(List<Contact> list, NodeInfo node) {
        return list.stream().filter(c -> !c.node().id().equals(node.id())).toList();
    }
}
