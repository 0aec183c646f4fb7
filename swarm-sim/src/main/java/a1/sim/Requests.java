package a1.sim;

import a1.peer.routing.ChainPlanner;
import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Client requests, each a generation through a chain that the real {@link ChainPlanner} plans over the client's
 * own gossip view. As SwarmSession does, the client relays every token through each hop in turn; when a hop's peer
 * is gone (its connection is refused or reset) or refuses to open the layers (it moved), the client excludes it,
 * plans a replacement for that hop's layers only, replays the earlier batches through it and carries on; it gives up
 * when no peer offers those layers for {@value #REPLAN_MILLIS} ms.
 */
final class Requests {
    static final int PROMPT = 8, GENERATE = 16;
    static final long REPLAN_MILLIS = 30_000, POLL_MILLIS = 100;

    private final Swarm s;

    Requests(Swarm s) {
        this.s = s;
    }

    /** Poisson arrivals from {@code from} until {@code until}. */
    void run(long from, long until) {
        s.queue.at(from, () -> arrive(until));
    }

    private void arrive(long until) {
        if (s.queue.now() >= until) return;
        new Request(s.clients.get(s.random.nextInt(s.clients.size()))).begin();
        long gap = (long) (-Math.log(1 - s.random.nextDouble()) * 1000 / s.p.requestsPerSecond());
        s.queue.after(Math.max(1, gap), () -> arrive(until));
    }

    private static final class Link {
        final ChainPlanner.Hop hop;
        final Node node;
        boolean open;

        Link(ChainPlanner.Hop hop, Node node) {
            this.hop = hop;
            this.node = node;
        }
    }

    private final class Request {
        final Node client;
        final Set<String> failed = new HashSet<>();
        final long started;
        List<Link> chain;
        int step;
        boolean over;

        Request(Node client) {
            this.client = client;
            this.started = s.queue.now();
        }

        void begin() {
            s.metrics.requests++;
            plan(new LayerRange(0, s.p.layers()), s.queue.now() + REPLAN_MILLIS, links -> {
                chain = links;
                hop(0);
            });
        }

        private void plan(LayerRange layers, long deadline, Consumer<List<Link>> then) {
            List<ChainPlanner.Hop> hops = ChainPlanner.plan(client.state.peers(), layers.start(), layers.end(), failed, client.state::accusers);
            if (!hops.isEmpty()) {
                List<Link> links = new ArrayList<>();
                for (ChainPlanner.Hop h : hops) links.add(new Link(h, s.byId(h.peer().id())));
                then.accept(links);
            } else if (s.queue.now() > deadline) {
                end(false);
            } else {
                s.queue.after(POLL_MILLIS, () -> plan(layers, deadline, then));
            }
        }

        private int tokens(int step) {
            return step == 0 ? PROMPT : 1;
        }

        private long computeMillis(Link l, int tokens) {
            double contention = 1 + 0.5 * Math.max(0, l.node.sessions - 1);
            return Math.round(1000 * l.hop.layers().size() * l.node.secondsPerLayer * tokens * contention);
        }

        /** Sends the current step's activations to hop {@code i} (or finishes the step). */
        private void hop(int i) {
            if (over) return;
            if (i == chain.size()) {
                if (++step == 1 + GENERATE) end(true);
                else hop(0);
                return;
            }
            Link l = chain.get(i);
            long half = s.rtt(client, l.node) / 2;
            s.queue.after(half, () -> {
                if (!l.node.alive || !l.open && !serves(l)) {
                    s.queue.after(half, () -> replace(i));
                    return;
                }
                open(l);
                s.queue.after(computeMillis(l, tokens(step)), () -> {
                    if (!l.node.alive) replace(i);
                    else s.queue.after(half, () -> hop(i + 1));
                });
            });
        }

        private boolean serves(Link l) {
            LayerRange r = l.node.range, want = l.hop.layers();
            return l.node.serving && r.start() <= want.start() && want.end() <= r.end();
        }

        private void open(Link l) {
            if (!l.open) {
                l.open = true;
                l.node.sessions++;
            }
        }

        /** Hop {@code i}'s peer failed: exclude it and rebuild its layers elsewhere. */
        private void replace(int i) {
            if (over) return;
            Link bad = chain.get(i);
            failed.add(bad.node.id);
            close(bad);
            rebuild(i, bad.hop.layers());
        }

        /**
         * As SwarmSession.replace: a new chain for {@code layers}, rebuilt by replaying every earlier batch; a peer
         * that fails meanwhile is excluded in turn and the rebuild starts over.
         */
        private void rebuild(int i, LayerRange layers) {
            s.metrics.failovers++;
            plan(layers, s.queue.now() + REPLAN_MILLIS, repl -> {
                long replay = 0;
                for (Link l : repl) {
                    if (!l.node.alive || !serves(l)) {
                        repl.forEach(this::close);
                        failed.add(l.node.id);
                        s.queue.after(s.rtt(client, l.node), () -> rebuild(i, layers));
                        return;
                    }
                    open(l);
                    for (int b = 0; b < step; b++) replay += s.rtt(client, l.node) + computeMillis(l, tokens(b));
                }
                s.queue.after(replay, () -> {
                    if (over) return;
                    for (Link l : repl) {
                        if (!l.node.alive) {
                            repl.forEach(this::close);
                            failed.add(l.node.id);
                            rebuild(i, layers);
                            return;
                        }
                    }
                    List<Link> next = new ArrayList<>(chain.subList(0, i));
                    next.addAll(repl);
                    next.addAll(chain.subList(i + 1, chain.size()));
                    chain = next;
                    hop(i);
                });
            });
        }

        private void close(Link l) {
            if (l.open) {
                l.open = false;
                l.node.sessions--;
            }
        }

        private void end(boolean ok) {
            over = true;
            if (chain != null) for (Link l : chain) close(l);
            if (!ok) s.metrics.failedRequests++;
            if (ok) {
                s.metrics.succeeded++;
                s.metrics.latencies.add(s.queue.now() - started);
            }
        }
    }
}
