package a1.peer.routing;

import a1.peer.forward.LayerStack;
import a1.peer.relay.PeerIdentity;
import a1.spec.gossip.Accusation;
import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks a session's hops (SPEC.md 10.10). A checked call is re-run by an auditor for the hop's layers: the client
 * itself when it may run layers locally, else another peer serving them. An auditor is a session kept for the whole
 * sequence and fed lazily: at each audit it first catches up on the batches since its last one, comparing each
 * with what the hop answered then, so one audit covers every earlier call too. Peers compute bit-identical outputs
 * from identical inputs, so any difference means someone lied; a third opinion (the client itself, or a third peer
 * replaying from the start) decides who. The liar is banned for the client's lifetime and accused in gossip.
 */
final class Auditor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Auditor.class.getName());
    private static final int MAX_REFEREES = 3;

    private static final class Audit {
        final LayerRunner runner;
        int done;

        Audit(LayerRunner runner) {
            this.runner = runner;
        }
    }

    private final Verification verification;
    private final SessionSpec spec;
    private final History history;
    private final PeerDirectory directory;
    private final PeerConnector connector;
    private final PeerIdentity self;
    private final Set<String> banned;
    private final Set<String> failed;
    private final Function<LayerRange, LayerStack> local;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<LayerRange, Audit> audits = new HashMap<>();
    private final List<String> convicted = new ArrayList<>();
    private int audited;
    private int unaudited;
    private long rerunTokens;

    /**
     * @param banned the client's banned peers (shared by its sessions); {@code failed} the session's failed peers
     * @param local  the client's own layers for a range, or null when it has none
     */
    Auditor(Verification verification, SessionSpec spec, History history, PeerDirectory directory, PeerConnector connector,
            PeerIdentity self, Set<String> banned, Set<String> failed, Function<LayerRange, LayerStack> local) {
        this.verification = verification;
        this.spec = spec;
        this.history = history;
        this.directory = directory;
        this.connector = connector;
        this.self = self;
        this.banned = banned;
        this.failed = failed;
        this.local = verification.local() ? local : null;
    }

    /**
     * Checks what {@code peer} answered for {@code layers} in batch {@code k} before anyone uses it. Returns null to
     * accept it, or the failure to replace the hop with (it lied, or it and its auditor disagree and nobody can
     * tell who is right). Throws {@link SwarmRetryException} when an earlier batch, already used, was wrong.
     */
    HopFailure check(String peer, LayerRange layers, int k, float[] y) {
        boolean finite = finite(y);
        boolean due = verification.enabled() && (k == 0 || random.nextDouble() < verification.probability());
        if (finite && !due) return null;
        Audit a = auditFor(layers, peer);
        if (a == null) {
            unaudited++;
            return finite ? null : new HopFailure(peer, "answered non-finite activations, and no other party serves layers " + layers + " to check them", null);
        }
        audited++;
        for (int j = a.done; j <= k; j++) {
            float[] got;
            try {
                got = a.runner.forward(history.at(layers.start(), j), history.size(j), history.position(j));
            } catch (HopFailure f) {
                LOG.log(System.Logger.Level.INFO, "auditor " + f.peerId.substring(0, 8) + " failed (" + f.getMessage() + "); audit of layers " + layers + " skipped");
                dropAuditor(layers, f.peerId);
                return finite ? null : new HopFailure(peer, "answered non-finite activations, and its auditor failed", null);
            }
            rerunTokens += history.size(j);
            a.done = j + 1;
            if (j < k && !history.has(layers.end(), j)) continue;
            float[] claimed = j < k ? history.at(layers.end(), j) : y;
            String producer = j < k ? history.producer(layers.end(), j) : peer;
            if (!Arrays.equals(got, claimed)) return dispute(layers, j, k, a, got, claimed, producer);
        }
        return null;
    }

    SwarmSession.AuditStats stats() {
        return new SwarmSession.AuditStats(audited, unaudited, rerunTokens, List.copyOf(convicted));
    }

    /** The auditor for {@code layers}, created on first need; never {@code peer} itself. */
    private Audit auditFor(LayerRange layers, String peer) {
        Audit a = audits.get(layers);
        if (a != null && !peer.equals(a.runner.peerId()) && (a.runner.peerId() == null || !banned.contains(a.runner.peerId()))) return a;
        if (a != null) dropAuditor(layers, null);
        LayerRunner r = runner(layers, Set.of(peer));
        if (r == null) return null;
        a = new Audit(r);
        audits.put(layers, a);
        return a;
    }

    /** The client itself if it may run layers, else a random least-accused peer serving all of {@code layers}. */
    private LayerRunner runner(LayerRange layers, Set<String> besides) {
        if (local != null) return new LocalRunner(local.apply(layers), spec);
        List<PeerInfo> candidates = directory.peers().stream()
                .filter(p -> p.range().start() <= layers.start() && p.range().end() >= layers.end())
                .filter(p -> !besides.contains(p.id()) && !banned.contains(p.id()) && !failed.contains(p.id())).toList();
        if (candidates.isEmpty()) return null;
        int least = candidates.stream().mapToInt(p -> directory.accusers(p.id())).min().orElseThrow();
        List<PeerInfo> best = candidates.stream().filter(p -> directory.accusers(p.id()) == least).toList();
        return new RemoteRunner(new ChainPlanner.Hop(best.get(random.nextInt(best.size())), layers), spec, connector);
    }

    /** The hop's producer and the auditor disagree on batch {@code j}: find who is right, and act on it. */
    private HopFailure dispute(LayerRange layers, int j, int k, Audit a, float[] auditorSays, float[] claimed, String producer) {
        String auditorId = a.runner.peerId();
        if (auditorId == null) return convict(producer, layers, j, k, claimed, auditorSays, List.of());
        Set<String> parties = Set.of(producer, auditorId);
        for (int attempt = 0; attempt < MAX_REFEREES; attempt++) {
            LayerRunner referee = runner(layers, parties);
            if (referee == null) break;
            float[] says;
            try {
                says = replay(referee, layers, j);
            } catch (HopFailure f) {
                failed.add(f.peerId);
                continue;
            } finally {
                referee.close();
            }
            List<String> witnesses = referee.peerId() == null ? List.of() : List.of(referee.peerId());
            if (Arrays.equals(says, auditorSays)) {
                List<String> w = new ArrayList<>(witnesses);
                w.add(auditorId);
                return convict(producer, layers, j, k, claimed, auditorSays, w);
            }
            if (Arrays.equals(says, claimed)) {
                dropAuditor(layers, null);
                punish(auditorId, layers, j, auditorSays, claimed, witnesses);
                return null;
            }
            break;
        }
        LOG.log(System.Logger.Level.WARNING, "peer " + producer.substring(0, 8) + " and auditor " + auditorId.substring(0, 8) + " disagree on layers " + layers + " and no third opinion settles it; dropping both");
        failed.add(producer);
        dropAuditor(layers, auditorId);
        if (j < k) throw new SwarmRetryException("peers disagree on layers " + layers + " at position " + history.position(j) + ", which the generation already used; retry");
        return new HopFailure(producer, "disagreed with its auditor on layers " + layers, null);
    }

    /** The producer of batch {@code j} lied: punish it; the hop is replaced if the lie is the current batch's. */
    private HopFailure convict(String producer, LayerRange layers, int j, int k, float[] lie, float[] truth, List<String> witnesses) {
        punish(producer, layers, j, lie, truth, witnesses);
        if (j == k) return new HopFailure(producer, "returned wrong activations for layers " + layers, null);
        throw new SwarmRetryException("peer " + producer.substring(0, 8) + " returned wrong activations for layers " + layers + " at position "
                + history.position(j) + ", which the generation already used; it is banned, retry");
    }

    /** Bans {@code liar} for the client's lifetime and accuses it in gossip. */
    private void punish(String liar, LayerRange layers, int j, float[] lie, float[] truth, List<String> witnesses) {
        int pos = history.position(j);
        LOG.log(System.Logger.Level.WARNING, "peer " + liar.substring(0, 8) + " returned wrong activations for layers " + layers + " at position " + pos + "; banned");
        banned.add(liar);
        failed.add(liar);
        convicted.add(liar);
        connector.drop(liar);
        directory.publish(Accusation.sign(self.publicKey(), liar, spec.modelId(), layers, pos, history.size(j),
                Accusation.digest(history.at(layers.start(), j)), Accusation.digest(lie), Accusation.digest(truth), witnesses,
                System.currentTimeMillis(), self::sign));
    }

    /** Runs batches 0..j through a fresh runner and returns its output for batch j. */
    private float[] replay(LayerRunner r, LayerRange layers, int j) throws HopFailure {
        float[] out = null;
        for (int b = 0; b <= j; b++) {
            out = r.forward(history.at(layers.start(), b), history.size(b), history.position(b));
            rerunTokens += history.size(b);
        }
        return out;
    }

    private void dropAuditor(LayerRange layers, String failedPeer) {
        Audit a = audits.remove(layers);
        if (a != null) a.runner.close();
        if (failedPeer != null) failed.add(failedPeer);
    }

    private static boolean finite(float[] y) {
        for (float v : y) if (!Float.isFinite(v)) return false;
        return true;
    }

    @Override
    public void close() {
        for (Audit a : audits.values()) a.runner.close();
        audits.clear();
    }
}
