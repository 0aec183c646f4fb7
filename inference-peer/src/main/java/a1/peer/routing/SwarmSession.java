package a1.peer.routing;

import a1.peer.forward.EmbeddingHead;
import a1.peer.forward.LayerStack;
import a1.peer.forward.Session;
import a1.peer.relay.PeerIdentity;
import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A session whose layers run on a chain of remote peers. The client embeds tokens, sends the activations through
 * each hop in turn and applies the output head. It keeps, for every hop boundary, the activations of every batch it
 * sent there, so when a peer fails (refuses, times out or disconnects) it plans a replacement chain for that hop's
 * layers and replays the same batches through it: the replacement rebuilds exactly the KV cache the failed peer had,
 * and generation continues with the tokens an uninterrupted run gives. An {@link Auditor} checks sampled calls
 * before their output is used; a peer caught lying is banned and replaced the same way.
 */
public final class SwarmSession implements Session {
    /** A hop as used so far: its peer and layers, the forward calls it served and the time they took. */
    public record HopStats(String peerId, LayerRange layers, int calls, long nanos) {}

    /** What auditing did: calls audited, calls due an audit that had no auditor, tokens re-run, peers caught lying. */
    public record AuditStats(int audits, int unaudited, long rerunTokens, List<String> convicted) {}

    /** Most replacement chains tried for one failed hop before the generation gives up (retriably). */
    static final int MAX_REBUILDS = 8;

    private final EmbeddingHead ends;
    private final SessionSpec spec;
    private final PeerDirectory directory;
    private final PeerConnector connector;
    private final long replanMillis;
    private final Set<String> banned;
    private final Set<String> failed = new HashSet<>();
    private final History history = new History();
    private final Auditor auditor;
    private List<RemoteRunner> chain;
    private int length;
    private int failovers;

    /**
     * @param banned the client's banned peers, shared by its sessions
     * @param local  the client's own layers for a range (for {@link Verification#local}), or null
     */
    SwarmSession(EmbeddingHead ends, SessionSpec spec, PeerDirectory directory, PeerConnector connector, long replanMillis,
                 Verification verification, PeerIdentity self, Set<String> banned, Function<LayerRange, LayerStack> local) {
        this.ends = ends;
        this.spec = spec;
        this.directory = directory;
        this.connector = connector;
        this.replanMillis = replanMillis;
        this.banned = banned;
        this.auditor = new Auditor(verification, spec, history, directory, connector, self, banned, failed, local);
        this.chain = runners(plan(0, ends.config().layers()));
    }

    @Override
    public float[] append(int[] tokens) {
        if (tokens.length == 0) throw new IllegalArgumentException("nothing to append");
        if (length + tokens.length > spec.capacity()) throw new IllegalArgumentException("sequence of " + (length + tokens.length) + " tokens exceeds the context of " + spec.capacity());
        int n = tokens.length;
        int batch = history.add(n);
        float[] x = ends.embed(tokens);
        history.record(0, batch, x, null);
        for (int i = 0; i < chain.size(); ) {
            RemoteRunner link = chain.get(i);
            LayerRange layers = link.layers();
            try {
                float[] y = link.forward(x, n, length);
                HopFailure lie = auditor.check(link.peerId(), layers, batch, y);
                if (lie != null) throw lie;
                history.record(layers.end(), batch, y, link.peerId());
                x = y;
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
        return chain.stream().map(l -> new HopStats(l.peerId(), l.layers(), l.calls, l.nanos)).toList();
    }

    /** How many times a failed hop was replaced. */
    public int failovers() {
        return failovers;
    }

    /** What auditing did in this session. */
    public AuditStats audits() {
        return auditor.stats();
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int capacity() {
        return spec.capacity();
    }

    @Override
    public void close() {
        for (RemoteRunner l : chain) l.close();
        auditor.close();
    }

    /**
     * Replaces hop {@code i} by a new chain for its layers, rebuilt from every batch before the current one. A peer
     * that fails during the rebuild is excluded in turn and the rebuild starts over, at most {@value #MAX_REBUILDS}
     * times.
     */
    private void replace(int i, HopFailure first) {
        LayerRange layers = chain.get(i).layers();
        chain.get(i).close();
        HopFailure f = first;
        int done = history.count() - 1;
        for (int attempt = 1; ; attempt++) {
            failovers++;
            failed.add(f.peerId);
            connector.drop(f.peerId);
            System.getLogger(SwarmSession.class.getName()).log(System.Logger.Level.WARNING,
                    "peer " + f.peerId.substring(0, 8) + " failed for layers " + layers + " (" + f.getMessage() + "); rebuilding them on other peers");
            if (attempt > MAX_REBUILDS) throw new SwarmRetryException("layers " + layers + " failed on " + MAX_REBUILDS + " peers in a row; last: " + f.getMessage());
            List<RemoteRunner> repl = runners(plan(layers.start(), layers.end()));
            try {
                for (int b = 0; b < done; b++) {
                    float[] x = history.at(layers.start(), b);
                    int pos = history.position(b);
                    for (RemoteRunner l : repl) {
                        x = l.forward(x, history.size(b), pos);
                        history.record(l.layers().end(), b, x, l.peerId());
                    }
                    if (!Arrays.equals(history.at(layers.end(), b), x)) {
                        throw new SwarmRetryException("the peers replacing layers " + layers + " computed other activations than the failed peer at position " + pos + "; retry");
                    }
                }
                List<RemoteRunner> next = new ArrayList<>(chain.subList(0, i));
                next.addAll(repl);
                next.addAll(chain.subList(i + 1, chain.size()));
                chain = next;
                return;
            } catch (HopFailure again) {
                repl.forEach(RemoteRunner::close);
                f = again;
            }
        }
    }

    private List<ChainPlanner.Hop> plan(int from, int to) {
        long deadline = System.nanoTime() + replanMillis * 1_000_000L;
        boolean told = false;
        while (true) {
            Set<String> excluded = new HashSet<>(failed);
            excluded.addAll(banned);
            List<ChainPlanner.Hop> hops = ChainPlanner.plan(directory.peers(), from, to, excluded, directory::accusers);
            if (!hops.isEmpty()) return hops;
            if (!told) { // the user sees why nothing happens for up to replanMillis
                System.getLogger(SwarmSession.class.getName()).log(System.Logger.Level.INFO, "waiting up to " + replanMillis / 1000
                        + " s for a peer that serves layers " + new LayerRange(from, to) + " of model " + spec.modelId());
                told = true;
            }
            if (System.nanoTime() > deadline) {
                throw new SwarmRetryException("no reachable peer serves layers " + new LayerRange(from, to) + " of model " + spec.modelId());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmRetryException("interrupted while looking for peers");
            }
        }
    }

    private List<RemoteRunner> runners(List<ChainPlanner.Hop> hops) {
        return new ArrayList<>(hops.stream().map(h -> new RemoteRunner(h, spec, connector)).toList());
    }
}
