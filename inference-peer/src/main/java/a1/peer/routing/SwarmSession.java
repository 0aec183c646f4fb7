package a1.peer.routing;

import a1.peer.forward.EmbeddingHead;
import a1.peer.forward.Session;
import a1.peer.relay.PeerConnection;
import a1.peer.relay.RelayException;
import a1.spec.model.LayerRange;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session whose layers run on a chain of remote peers. The client embeds tokens, sends the activations through
 * each hop in turn and applies the output head. It keeps, for every hop boundary, the activations of every batch it
 * sent there, so when a peer fails (refuses, times out or disconnects) it plans a replacement chain for that hop's
 * layers and replays the same batches through it: the replacement rebuilds exactly the KV cache the failed peer had,
 * and generation continues with the tokens an uninterrupted run gives.
 */
public final class SwarmSession implements Session {
    /** A hop as used so far: its peer and layers, the forward calls it served and the time they took. */
    public record HopStats(String peerId, LayerRange layers, int calls, long nanos) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddingHead ends;
    private final String modelId;
    private final PeerDirectory directory;
    private final PeerConnector connector;
    private final int capacity;
    private final CacheType cache;
    private final Encoding encoding;
    private final long replanMillis;
    private final Set<String> failed = new HashSet<>();
    private final List<Integer> batches = new ArrayList<>();
    private final Map<Integer, List<float[]>> inputs = new HashMap<>();
    private List<Link> chain;
    private int length;
    private int failovers;

    private static final class Link {
        final ChainPlanner.Hop hop;
        long sessionId;
        PeerConnection connection;
        int calls;
        long nanos;

        Link(ChainPlanner.Hop hop) {
            this.hop = hop;
        }
    }

    /** A peer of a hop failed; {@code cause} says how. */
    private static final class HopFailure extends Exception {
        final String peerId;

        HopFailure(String peerId, RelayException cause) {
            super(cause.getMessage(), cause);
            this.peerId = peerId;
        }
    }

    /**
     * @param replanMillis how long to wait for the directory to offer a peer for uncovered layers before giving up
     */
    public SwarmSession(EmbeddingHead ends, String modelId, PeerDirectory directory, PeerConnector connector, int capacity,
                        CacheType cache, Encoding encoding, long replanMillis) {
        this.ends = ends;
        this.modelId = modelId;
        this.directory = directory;
        this.connector = connector;
        this.capacity = Math.min(capacity, ends.config().contextLength());
        this.cache = cache;
        this.encoding = encoding;
        this.replanMillis = replanMillis;
        this.chain = links(plan(0, ends.config().layers()));
    }

    @Override
    public float[] append(int[] tokens) {
        if (tokens.length == 0) throw new IllegalArgumentException("nothing to append");
        if (length + tokens.length > capacity) throw new IllegalArgumentException("sequence of " + (length + tokens.length) + " tokens exceeds the context of " + capacity);
        int n = tokens.length;
        int batch = batches.size();
        batches.add(n);
        float[] x = ends.embed(tokens);
        for (int i = 0; i < chain.size(); ) {
            Link link = chain.get(i);
            record(link.hop.layers().start(), batch, x);
            try {
                x = forward(link, x, n, length);
                i++;
            } catch (HopFailure f) {
                replace(i, f);
            }
        }
        length += n;
        return ends.logits(x, n - 1);
    }

    /** The chain in use, with per-hop calls and time. */
    public List<HopStats> chain() {
        return chain.stream().map(l -> new HopStats(l.hop.peer().id(), l.hop.layers(), l.calls, l.nanos)).toList();
    }

    /** How many times a failed hop was replaced. */
    public int failovers() {
        return failovers;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        for (Link l : chain) if (l.connection != null && l.connection.isOpen()) l.connection.send(new Message.Close(l.sessionId));
    }

    private float[] forward(Link link, float[] x, int n, int startPos) throws HopFailure {
        String peer = link.hop.peer().id();
        try {
            if (link.connection == null || !link.connection.isOpen()) {
                if (startPos > 0 && link.connection != null) throw new RelayException("connection lost mid-session");
                link.connection = connector.connect(link.hop.peer());
                link.sessionId = RANDOM.nextLong();
                expect(link.connection.call(new Message.Open(link.sessionId, modelId, link.hop.layers(), capacity, encoding, cache)), Message.Opened.class);
            }
            long t0 = System.nanoTime();
            int dim = ends.config().dim();
            Message.Result r = expect(link.connection.call(new Message.Forward(link.sessionId, startPos, Activations.of(encoding, x, n, dim))), Message.Result.class);
            if (r.startPos() != startPos || r.activations().tokens() != n || r.activations().width() != dim) {
                throw new RelayException("answered with " + r.activations() + " at position " + r.startPos() + " for " + n + " tokens at " + startPos);
            }
            link.calls++;
            link.nanos += System.nanoTime() - t0;
            return r.activations().values();
        } catch (RelayException e) {
            throw new HopFailure(peer, e);
        }
    }

    private static <T extends Message> T expect(Message m, Class<T> type) throws RelayException {
        if (type.isInstance(m)) return type.cast(m);
        if (m instanceof Message.Error e) throw new RelayException("refused: " + e.kind() + ": " + e.message());
        throw new RelayException("answered " + m.type() + " where " + type.getSimpleName() + " was due");
    }

    /**
     * Replaces hop {@code i} by a new chain for its layers, rebuilt from every batch before the current one. A peer
     * that fails during the rebuild is excluded in turn and the rebuild starts over.
     */
    private void replace(int i, HopFailure first) {
        LayerRange layers = chain.get(i).hop.layers();
        HopFailure f = first;
        int done = batches.size() - 1;
        while (true) {
            failovers++;
            failed.add(f.peerId);
            connector.drop(f.peerId);
            System.getLogger(SwarmSession.class.getName()).log(System.Logger.Level.WARNING,
                    "peer " + f.peerId.substring(0, 8) + " failed for layers " + layers + " (" + f.getMessage() + "); rebuilding them on other peers");
            List<Link> repl = links(plan(layers.start(), layers.end()));
            try {
                for (int b = 0; b < done; b++) {
                    float[] x = inputs.get(layers.start()).get(b);
                    int pos = positionOf(b);
                    for (Link l : repl) {
                        record(l.hop.layers().start(), b, x);
                        x = forward(l, x, batches.get(b), pos);
                    }
                    List<float[]> after = inputs.get(layers.end());
                    if (after != null && after.size() > b && !Arrays.equals(after.get(b), x)) {
                        throw new IllegalStateException("the peers replacing layers " + layers + " computed other activations than the failed peer");
                    }
                }
                List<Link> next = new ArrayList<>(chain.subList(0, i));
                next.addAll(repl);
                next.addAll(chain.subList(i + 1, chain.size()));
                chain = next;
                return;
            } catch (HopFailure again) {
                f = again;
            }
        }
    }

    private int positionOf(int batch) {
        int pos = 0;
        for (int b = 0; b < batch; b++) pos += batches.get(b);
        return pos;
    }

    /** Keeps the activations of {@code batch} entering {@code boundary}, once. */
    private void record(int boundary, int batch, float[] x) {
        List<float[]> list = inputs.computeIfAbsent(boundary, k -> new ArrayList<>());
        if (list.size() == batch) list.add(x.clone());
    }

    private List<ChainPlanner.Hop> plan(int from, int to) {
        long deadline = System.nanoTime() + replanMillis * 1_000_000L;
        while (true) {
            List<ChainPlanner.Hop> hops = ChainPlanner.plan(directory.peers(), from, to, failed);
            if (!hops.isEmpty()) return hops;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no reachable peer serves layers " + new LayerRange(from, to) + " of model " + modelId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for peers", e);
            }
        }
    }

    private static List<Link> links(List<ChainPlanner.Hop> hops) {
        return new ArrayList<>(hops.stream().map(Link::new).toList());
    }
}
