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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Kademlia iterative lookup: keeps up to alpha queries in flight to the closest contacts not yet
 * asked, learns closer contacts from every reply, and finishes when the k closest live contacts
 * have all answered (or nothing is left to ask), or at once after a reply the caller says is enough
 * (a BEP 44 value that hashes to its key). The same walk serves find_node, get_peers and
 * BEP 44 get; the caller supplies the query and reads what it needs from the replies.
 *
 * <p>A query unanswered after the stall time stops holding one of the alpha slots (its answer is
 * still taken if it comes), as libtorrent does: contacts that left the network only answer with a
 * time-out, and a table holding several of them otherwise made every lookup wait out their
 * time-outs alpha at a time (a local swarm's fetch took 31 s, docs/RELIABILITY.md). Whether the
 * lookup then still waits for that answer is the caller's choice ({@link Stalls#awaited}): a walk
 * that only fills the routing table need not, a search for values does until it has found one (a
 * slow node may be the one that holds them).
 *
 * <p>Runs on the node's event loop: every callback is re-dispatched there.
 */
public final class IterativeLookup {

    /** Sends the lookup's query to one contact. */
    @FunctionalInterface
    public interface Querier {
        CompletableFuture<KrpcResponse> query(NodeInfo node);
    }

    /**
     * What happens to a query unanswered after {@code millis} (0: never stalls): it frees its alpha slot,
     * {@code onStall} hears of its contact, and while {@code awaited} says no the lookup may finish without its
     * answer (asked again at every step, so that it can change with what the replies brought).
     */
    public record Stalls(long millis, BooleanSupplier awaited, Consumer<NodeInfo> onStall) {
        static final Stalls NEVER = new Stalls(0, () -> true, n -> { });
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
        /** In flight past the stall time: no longer counted against alpha. */
        boolean stalled;
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
    private final Predicate<KrpcResponse> enough;
    private final Stalls stalls;
    private final Executor loop;
    private final TreeMap<NodeId, Candidate> candidates;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    /** Queries sent and not yet answered or failed. */
    private int inFlight;
    /** Of those, the ones not yet stalled: at most alpha. */
    private int holdingSlots;
    private int queried;

    private IterativeLookup(NodeId target, NodeId self, int k, int alpha, Querier querier,
                            Predicate<NodeInfo> acceptable, Predicate<KrpcResponse> enough, Stalls stalls, Executor loop) {
        this.target = target;
        this.self = self;
        this.k = k;
        this.alpha = alpha;
        this.querier = querier;
        this.acceptable = acceptable;
        this.enough = enough;
        this.stalls = stalls;
        this.loop = loop;
        this.candidates = new TreeMap<>(target.byDistance());
    }

    /** Starts a lookup from the seed contacts that waits for every query; must be called on the event loop. */
    public static CompletableFuture<Result> run(NodeId target, NodeId self, List<NodeInfo> seeds, int k, int alpha,
                                                Querier querier, Predicate<NodeInfo> acceptable, Executor loop) {
        return start(new IterativeLookup(target, self, k, alpha, querier, acceptable, r -> false, Stalls.NEVER, loop), seeds);
    }

    /**
     * Starts a lookup that finishes after a reply satisfying {@code enough}, and treats a query still unanswered
     * after the stall time as {@code stalls} says; must be called on the event loop.
     */
    public static CompletableFuture<Result> run(NodeId target, NodeId self, List<NodeInfo> seeds, int k, int alpha,
                                                Querier querier, Predicate<NodeInfo> acceptable,
                                                Predicate<KrpcResponse> enough, Stalls stalls,
                                                ScheduledExecutorService loop) {
        return start(new IterativeLookup(target, self, k, alpha, querier, acceptable, enough, stalls, loop), seeds);
    }

    private static CompletableFuture<Result> start(IterativeLookup lookup, List<NodeInfo> seeds) {
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
        boolean skipStalled = !stalls.awaited().getAsBoolean();
        boolean pendingInWindow = false;
        int window = 0;
        for (Candidate c : candidates.values()) {
            if (c.state == State.FAILED || c.state == State.IN_FLIGHT && c.stalled && skipStalled) {
                continue;
            }
            if (window++ >= k) {
                break;
            }
            if (c.state == State.IN_FLIGHT) {
                pendingInWindow = true;
            } else if (c.state == State.NEW) {
                pendingInWindow = true;
                if (holdingSlots + toAsk.size() < alpha && queried + toAsk.size() < MAX_QUERIES) {
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
            holdingSlots++;
            queried++;
            querier.query(c.node).whenCompleteAsync((r, e) -> answered(c, r, e), loop);
            if (stalls.millis() > 0) ((ScheduledExecutorService) loop).schedule(() -> stalled(c), stalls.millis(), TimeUnit.MILLISECONDS);
        }
    }

    private void stalled(Candidate c) {
        if (c.state != State.IN_FLIGHT || c.stalled) {
            return;
        }
        c.stalled = true;
        holdingSlots--;
        stalls.onStall().accept(c.node);
        pump();
    }

    private void answered(Candidate c, KrpcResponse response, Throwable error) {
        inFlight--;
        if (!c.stalled) {
            holdingSlots--;
        }
        if (error != null || response == null) {
            c.state = State.FAILED;
        } else {
            c.state = State.ANSWERED;
            c.response = response;
            response.nodes().forEach(this::offer);
            if (enough.test(response)) {
                finish();
                return;
            }
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
