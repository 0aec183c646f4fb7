package a1.dht.lookup;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import a1.dht.krpc.KrpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Kademlia iterative lookup: keeps up to alpha queries in flight to the closest contacts not yet
 * asked, learns closer contacts from every reply, and finishes when the k closest live contacts
 * have all answered (or nothing is left to ask). The same walk serves find_node, get_peers and
 * BEP 44 get; the caller supplies the query and reads what it needs from the replies.
 *
 * <p>Runs on the node's event loop: every callback is re-dispatched there.
 */
public final class IterativeLookup {

    /** Sends the lookup's query to one contact. */
    @FunctionalInterface
    public interface Querier {
        CompletableFuture<KrpcResponse> query(NodeInfo node);
    }

    /** A contact that answered, with its answer. */
    public record Reply(NodeInfo node, KrpcResponse response) {
    }

    /** Replies ordered nearest-first; {@code queried} counts every query sent. */
    public record Result(NodeId target, List<Reply> replies, int queried) {

        /** The k nearest answering contacts: where to announce or put. */
        public List<Reply> closest(int k) {
            return replies.subList(0, Math.min(k, replies.size()));
        }
    }

    private enum State { NEW, IN_FLIGHT, ANSWERED, FAILED }

    private static final class Candidate {
        final NodeInfo node;
        State state = State.NEW;
        KrpcResponse response;

        Candidate(NodeInfo node) {
            this.node = node;
        }
    }

    /** Bounds the work one lookup can cost however many contacts replies advertise. */
    static final int MAX_CANDIDATES = 256;
    static final int MAX_QUERIES = 128;

    private final NodeId target;
    private final NodeId self;
    private final int k;
    private final int alpha;
    private final Querier querier;
    private final Predicate<NodeInfo> acceptable;
    private final Executor loop;
    private final TreeMap<NodeId, Candidate> candidates;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private int inFlight;
    private int queried;

    private IterativeLookup(NodeId target, NodeId self, int k, int alpha, Querier querier,
                            Predicate<NodeInfo> acceptable, Executor loop) {
        this.target = target;
        this.self = self;
        this.k = k;
        this.alpha = alpha;
        this.querier = querier;
        this.acceptable = acceptable;
        this.loop = loop;
        this.candidates = new TreeMap<>(target.byDistance());
    }

    /** Starts a lookup from the seed contacts; must be called on the event loop. */
    public static CompletableFuture<Result> run(NodeId target, NodeId self, List<NodeInfo> seeds, int k, int alpha,
                                                Querier querier, Predicate<NodeInfo> acceptable, Executor loop) {
        IterativeLookup lookup = new IterativeLookup(target, self, k, alpha, querier, acceptable, loop);
        seeds.forEach(lookup::offer);
        lookup.pump();
        return lookup.result;
    }

    private void offer(NodeInfo node) {
        if (node.id().equals(self) || candidates.containsKey(node.id()) || !acceptable.test(node)) {
            return;
        }
        candidates.put(node.id(), new Candidate(node));
        if (candidates.size() > MAX_CANDIDATES) {
            Map.Entry<NodeId, Candidate> farthest = candidates.lastEntry();
            if (farthest.getValue().state == State.NEW) {
                candidates.pollLastEntry();
            }
        }
    }

    private void pump() {
        if (result.isDone()) {
            return;
        }
        List<Candidate> toAsk = new ArrayList<>();
        boolean pendingInWindow = false;
        int window = 0;
        for (Candidate c : candidates.values()) {
            if (c.state == State.FAILED) {
                continue;
            }
            if (window++ >= k) {
                break;
            }
            if (c.state == State.IN_FLIGHT) {
                pendingInWindow = true;
            } else if (c.state == State.NEW) {
                pendingInWindow = true;
                if (inFlight + toAsk.size() < alpha && queried + toAsk.size() < MAX_QUERIES) {
                    toAsk.add(c);
                }
            }
        }
        if (!pendingInWindow || inFlight == 0 && toAsk.isEmpty()) {
            finish();
            return;
        }
        for (Candidate c : toAsk) {
            c.state = State.IN_FLIGHT;
            inFlight++;
            queried++;
            querier.query(c.node).whenCompleteAsync((r, e) -> answered(c, r, e), loop);
        }
    }

    private void answered(Candidate c, KrpcResponse response, Throwable error) {
        inFlight--;
        if (error != null || response == null) {
            c.state = State.FAILED;
        } else {
            c.state = State.ANSWERED;
            c.response = response;
            response.nodes().forEach(this::offer);
        }
        pump();
    }

    private void finish() {
        List<Reply> replies = candidates.values().stream()
                .filter(c -> c.state == State.ANSWERED)
                .map(c -> new Reply(c.node, c.response))
                .toList();
        result.complete(new Result(target, replies, queried));
    }
}
