package a1.dht.store;

import a1.dht.id.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bounded BEP 44 item storage with expiry. Enforces the storing-node rules: signatures are
 * verified before anything is stored, sequence numbers never go down, an equal sequence number only
 * refreshes an identical item, and a CAS must match the stored sequence number.
 *
 * <p>Not thread-safe: each node confines it to its event loop.
 */
public final class ItemStore {

    private record Stored(Item item, long expiresAt) {
    }

    private final int maxItems;
    private final long lifetimeMillis;
    private final Map<NodeId, Stored> items = new HashMap<>();

    public ItemStore(int maxItems, long lifetimeMillis) {
        this.maxItems = maxItems;
        this.lifetimeMillis = lifetimeMillis;
    }

    public PutOutcome putImmutable(ImmutableItem item, long now) {
        return store(item.target(), item, now);
    }

    public PutOutcome putMutable(MutableItem item, OptionalLong cas, long now) {
        if (!item.verify()) {
            return PutOutcome.INVALID_SIGNATURE;
        }
        NodeId target = item.target();
        Stored current = live(target, now);
        if (current != null && current.item() instanceof MutableItem old) {
            if (cas.isPresent() && cas.getAsLong() != old.seq()) {
                return PutOutcome.CAS_MISMATCH;
            }
            if (item.seq() < old.seq() || item.seq() == old.seq() && !item.sameAs(old)) {
                return PutOutcome.SEQ_TOO_LOW;
            }
        }
        return store(target, item, now);
    }

    public Optional<Item> get(NodeId target, long now) {
        Stored s = live(target, now);
        return s == null ? Optional.empty() : Optional.of(s.item());
    }

    public int size() {
        return items.size();
    }

    public void expire(long now) {
        items.values().removeIf(s -> s.expiresAt() <= now);
    }

    private Stored live(NodeId target, long now) {
        Stored s = items.get(target);
        if (s != null && s.expiresAt() <= now) {
            items.remove(target);
            return null;
        }
        return s;
    }

    private PutOutcome store(NodeId target, Item item, long now) {
        if (!items.containsKey(target) && items.size() >= maxItems) {
            expire(now);
            if (items.size() >= maxItems) {
                return PutOutcome.STORE_FULL;
            }
        }
        items.put(target, new Stored(item, now + lifetimeMillis));
        return PutOutcome.STORED;
    }
}
