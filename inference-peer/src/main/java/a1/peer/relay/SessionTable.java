package a1.peer.relay;

import a1.kernels.Parallel;
import a1.peer.forward.LayerStack;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.peer.model.LlamaConfig;
import a1.peer.model.ModelWeights;
import a1.spec.model.LayerRange;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A serving peer's sessions: one KV cache per session for the layers it asked for, within the peer's range. The
 * number of sessions and the bytes of their caches are bounded, in all and per remote peer; sessions idle longer
 * than the limit are dropped.
 * Not thread-safe: the server calls it from its single thread (the layer stacks' scratch is shared).
 */
public final class SessionTable {
    private record Key(SessionOwner owner, long sessionId) {}

    private static final class Entry {
        final LayerStack stack;
        final KvCache kv;
        final Encoding encoding;
        long lastUsed;

        Entry(LayerStack stack, KvCache kv, Encoding encoding, long now) {
            this.stack = stack;
            this.kv = kv;
            this.encoding = encoding;
            this.lastUsed = now;
        }
    }

    private final String modelId;
    private final ModelWeights weights;
    private final Parallel pool;
    private final RelayConfig config;
    private final LongSupplier nanoTime;
    private final Map<LayerRange, LayerStack> stacks = new HashMap<>();
    private final Map<Key, Entry> sessions = new HashMap<>();
    private long kvBytes;

    public SessionTable(String modelId, ModelWeights weights, Parallel pool, RelayConfig config, LongSupplier nanoTime) {
        this.modelId = modelId;
        this.weights = weights;
        this.pool = pool;
        this.config = config;
        this.nanoTime = nanoTime;
    }

    public LayerRange range() {
        return weights.range();
    }

    public String modelId() {
        return modelId;
    }

    public int size() {
        return sessions.size();
    }

    public long kvBytes() {
        return kvBytes;
    }

    /** The reply to a request from connection {@code owner}, or null when none is due (close). */
    public Message handle(SessionOwner owner, Message m) {
        return switch (m) {
            case Message.Open o -> open(owner, o);
            case Message.Forward f -> forward(owner, f);
            case Message.Close c -> {
                drop(new Key(owner, c.sessionId()));
                yield null;
            }
            default -> new Message.Error(0, ErrorCode.BAD_REQUEST, m.type() + " is not a request");
        };
    }

    private Message open(SessionOwner owner, Message.Open o) {
        expireIdle();
        LlamaConfig c = weights.config();
        Key key = new Key(owner, o.sessionId());
        if (!o.modelId().equals(modelId)) return error(o.sessionId(), ErrorCode.WRONG_MODEL, "this peer serves model " + modelId + ", not " + o.modelId());
        LayerRange r = weights.range();
        if (o.layers().start() < r.start() || o.layers().end() > r.end()) return error(o.sessionId(), ErrorCode.RANGE_NOT_SERVED, "this peer serves layers " + r + ", not " + o.layers());
        if (o.maxLength() > c.contextLength()) return error(o.sessionId(), ErrorCode.BAD_REQUEST, "max length " + o.maxLength() + " exceeds the model's context of " + c.contextLength());
        if (sessions.containsKey(key)) return error(o.sessionId(), ErrorCode.BAD_REQUEST, "session " + o.sessionId() + " is already open");
        if (sessions.size() >= config.maxSessions()) return error(o.sessionId(), ErrorCode.BUSY, "this peer already holds " + sessions.size() + " sessions");
        long bytes = 2L * o.layers().size() * o.maxLength() * c.kvDim() * Float.BYTES;
        if (kvBytes + bytes > config.kvBudgetBytes()) return error(o.sessionId(), ErrorCode.BUSY, "a KV cache of " + bytes + " bytes does not fit the budget (" + kvBytes + " of " + config.kvBudgetBytes() + " used)");
        PeerLimits limits = config.perPeer();
        int mine = 0;
        long myBytes = 0;
        for (Map.Entry<Key, Entry> en : sessions.entrySet()) {
            if (en.getKey().owner().peerId().equals(owner.peerId())) {
                mine++;
                myBytes += en.getValue().kv.bytes();
            }
        }
        if (mine >= limits.sessions()) return error(o.sessionId(), ErrorCode.BUSY, "per-peer limit: you already hold " + mine + " sessions here (at most " + limits.sessions() + ")");
        if (myBytes + bytes > limits.kvBytes()) return error(o.sessionId(), ErrorCode.BUSY, "per-peer limit: a KV cache of " + bytes + " bytes does not fit your budget (" + myBytes + " of " + limits.kvBytes() + " used)");
        LayerStack stack = stacks.computeIfAbsent(o.layers(), sub -> new LayerStack(weights.subRange(sub), pool));
        KvType kvType = o.cache() == CacheType.F16 ? KvType.F16 : KvType.F32;
        sessions.put(key, new Entry(stack, new KvCache(o.layers(), c.kvHeads(), c.headDim(), o.maxLength(), kvType), o.encoding(), nanoTime.getAsLong()));
        kvBytes += bytes;
        return new Message.Opened(o.sessionId());
    }

    private Message forward(SessionOwner owner, Message.Forward f) {
        Entry e = sessions.get(new Key(owner, f.sessionId()));
        if (e == null) return error(f.sessionId(), ErrorCode.UNKNOWN_SESSION, "no open session " + f.sessionId() + " (closed or expired)");
        Activations a = f.activations();
        int dim = weights.config().dim();
        if (a.width() != dim) return error(f.sessionId(), ErrorCode.BAD_REQUEST, "activations are " + a.width() + " wide, the model's are " + dim);
        if (f.startPos() != e.kv.length()) return error(f.sessionId(), ErrorCode.BAD_POSITION, "position " + f.startPos() + " does not follow the " + e.kv.length() + " cached positions");
        if (f.startPos() + a.tokens() > e.kv.capacity()) return error(f.sessionId(), ErrorCode.BAD_REQUEST, "positions up to " + (f.startPos() + a.tokens()) + " exceed the session's " + e.kv.capacity());
        e.lastUsed = nanoTime.getAsLong();
        float[] x = a.values();
        e.stack.forward(x, a.tokens(), f.startPos(), e.kv);
        return new Message.Result(f.sessionId(), f.startPos(), new Activations(e.encoding, a.tokens(), dim, x));
    }

    public boolean holds(SessionOwner owner, long sessionId) {
        return sessions.containsKey(new Key(owner, sessionId));
    }

    /** Drops every session of a connection that went away. */
    public void dropOwner(SessionOwner owner) {
        sessions.keySet().stream().filter(k -> k.owner().equals(owner)).toList().forEach(this::drop);
    }

    /** Drops sessions idle for longer than the limit. */
    public void expireIdle() {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<Key, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> en = it.next();
            if (now - en.getValue().lastUsed > config.idleTimeout().toNanos()) {
                kvBytes -= en.getValue().kv.bytes();
                it.remove();
            }
        }
    }

    private void drop(Key k) {
        Entry e = sessions.remove(k);
        if (e != null) kvBytes -= e.kv.bytes();
    }

    private static Message.Error error(long sessionId, ErrorCode code, String message) {
        return new Message.Error(sessionId, code, message);
    }
}
