package a1.cli;

import a1.cli.demo.ChildJvms;
import a1.cli.demo.DemoModel;
import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.gossip.SwarmView;
import a1.peer.kv.KvType;
import a1.peer.model.LlamaConfig;
import a1.cli.swarm.Network;
import a1.cli.swarm.SwarmWatch;
import a1.peer.relay.RelayException;
import a1.peer.routing.SwarmSession;
import a1.spec.manifest.ModelId;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.TextDecoder;
import a1.peer.tokenizer.Tokenizer;
import a1.spec.model.LayerRange;
import a1.spec.sign.SigningKey;
import a1.swarm.Publisher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code a1 demo}: the whole system on one machine, on loopback, each part in its own JVM: publish a model, a DHT
 * bootstrap node, a seeder, and peers that each fetch only their layers through the weights swarm; then a greedy
 * generation through the peer chain, checked token for token against the model run whole in this process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole swarm on this machine (DHT node, seeder, layer-serving peers in separate processes), "
                + "generate through the peer chain and check it against a local run.")
final class DemoCommand implements Callable<Integer> {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final Pattern FETCHED = Pattern.compile("fetched layers \\S+: (\\d+) shards verified, (\\d+) bytes received");
    private static final Pattern SERVING = Pattern.compile("serving layers \\S+ of \\S+ on (\\S+)");
    private static final long START_SECONDS = 90;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE.gguf", description = "The model (default: a small synthetic model with a real tokenizer).")
    Path model;

    @Option(names = {"-p", "--prompt"}, defaultValue = "Once upon a time", description = "The prompt (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "-n", paramLabel = "N", defaultValue = "32", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--peers", paramLabel = "N", defaultValue = "3", description = "Inference peers; the layers are split evenly among them (default: ${DEFAULT-VALUE}).")
    int peers;

    @Mixin
    ThreadsOption threads;

    private final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        if (tokens < 1) throw new IllegalArgumentException("-n must be at least 1");
        if (model != null && !Files.isRegularFile(model)) throw new IllegalArgumentException(model + " is not a file");
        Path tmp = Files.createTempDirectory("a1-demo-");
        progress("working in " + tmp + " (removed at the end)");
        Path logs = tmp.resolve("logs");
        boolean keepLogs = false;
        try (ChildJvms jvms = new ChildJvms(logs, () -> removeQuietly(tmp))) {
            boolean ok = false;
            try {
                int code = run(tmp, jvms);
                ok = code == ExitCodes.OK;
                return code;
            } finally {
                keepLogs = !ok && !jvms.children().isEmpty();
                if (keepLogs) for (ChildJvms.Child c : jvms.children()) System.err.println("log of " + c.name() + ": " + c.log());
            }
        } finally {
            removeAllBut(tmp, keepLogs ? logs : null); // after every child has exited: nothing holds the files
            if (keepLogs) System.err.println("the demo failed; its logs are kept in " + logs);
        }
    }

    private int run(Path tmp, ChildJvms jvms) throws Exception {
        Path file = model;
        if (file == null) {
            progress("writing a synthetic model (random weights, a real tokenizer)...");
            file = DemoModel.synthetic(tmp);
            out.println("model: " + file.getFileName() + " (SYNTHETIC: random weights, so the text is gibberish; give --model FILE.gguf for a real model)");
        } else {
            out.println("model: " + file);
        }
        int layers = LlamaConfig.read(file).layers();
        if (peers < 1 || peers > layers) throw new IllegalArgumentException("--peers must be 1 to the model's " + layers + " layers, not " + peers);
        List<LayerRange> ranges = LayerRange.split(layers, peers);

        progress("publishing " + file.getFileName() + " (temporary key and store)...");
        Path key = tmp.resolve("publisher.key");
        SigningKey.generate(new SecureRandom()).save(key);
        Path published = tmp.resolve("published");
        String modelId = Publisher.publish(file, key, published).modelId().hex();
        out.println("model id: " + modelId);

        progress("starting DHT bootstrap node...");
        String dht = jvms.start("dht", List.of("dht", "--bind", "127.0.0.1", "--port", "0")).await(LISTENING, START_SECONDS).group(1);
        progress("DHT on " + dht + "; starting seeder...");
        jvms.start("seeder", List.of("seed", published.toString(), "--bind", "127.0.0.1", "--bootstrap", dht, "--store", tmp.resolve("store").toString()))
                .await(Pattern.compile("seeding " + modelId), START_SECONDS);
        startPeers(tmp, jvms, modelId, dht, ranges);

        try (Network network = Network.join(InetAddress.getLoopbackAddress(), List.of(PeerCommand.parseAddress(dht)))) {
            SwarmView view = awaitCoverage(network, modelId, layers);
            out.println();
            out.print(SwarmCommand.Status.table(view));
            out.println();
            return compare(file, ModelId.ofHex(modelId), network, tmp.resolve("client"));
        }
    }

    /** The first peer alone (it is the one the others find first in the DHT), then the others at once. */
    private void startPeers(Path tmp, ChildJvms jvms, String modelId, String dht, List<LayerRange> ranges) throws Exception {
        String perPeerThreads = Integer.toString(Math.max(1, threads.get() / ranges.size()));
        List<ChildJvms.Child> started = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            String name = "peer " + (i + 1);
            List<String> args = List.of("peer", "--model", modelId, "--bootstrap", dht, "--bind", "127.0.0.1", "--layers", ranges.get(i).toString(),
                    "--store", tmp.resolve("peer-" + (i + 1)).toString(), "--key", tmp.resolve("peer-" + (i + 1) + ".key").toString(), "--threads", perPeerThreads);
            progress(name + "/" + ranges.size() + ": fetching layers " + ranges.get(i) + " from the weights swarm...");
            started.add(jvms.start(name, args));
            if (i == 0) awaitPeer(started.getFirst(), i, ranges);
        }
        for (int i = 1; i < ranges.size(); i++) awaitPeer(started.get(i), i, ranges);
    }

    private void awaitPeer(ChildJvms.Child peer, int i, List<LayerRange> ranges) throws Exception {
        Matcher fetched = peer.await(FETCHED, START_SECONDS);
        String at = peer.await(SERVING, START_SECONDS).group(1);
        progress(String.format("peer %d/%d fetched layers %s (%s shards, %s bytes, verified), serving on %s",
                i + 1, ranges.size(), ranges.get(i), fetched.group(1), fetched.group(2), at));
    }

    /** Gossips with the peers found in the DHT until every layer has a peer. */
    private static SwarmView awaitCoverage(Network network, String modelId, int layers) throws Exception {
        progress("waiting until every layer is covered...");
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (SwarmWatch swarm = new SwarmWatch(network, modelId, layers)) {
            while (true) {
                SwarmView view = swarm.view();
                if (view.complete()) return view;
                if (System.nanoTime() > deadline) throw new RelayException("layers still uncovered after 60 s:\n" + SwarmCommand.Status.table(view));
                Thread.sleep(500);
            }
        }
    }

    /**
     * Greedy generation through the chain, with only the tokenizer, embedding and head shards fetched from the
     * weights swarm (as {@code a1 generate MODEL-ID} does), then in one process; prints both and whether they agree.
     */
    private int compare(Path file, ModelId modelId, Network network, Path clientStore) throws Exception {
        progress("fetching the tokenizer, embedding and head, then generating through the peer chain...");
        Tokenizer tok;
        int[] prompted;
        Generator.Result chain;
        List<SwarmSession.HopStats> hops;
        try (OpenModel c = OpenModel.onSwarm(network, modelId, clientStore.resolve(modelId.hex()), 4096, KvType.F16, threads.get())) {
            tok = Tokenizer.fromGguf(c.metadata());
            prompted = tok.encode(prompt, true, true);
            try (SwarmSession s = (SwarmSession) c.newSession()) {
                chain = Generator.generate(s, prompted, tokens, Sampler.greedy(), tok::isEndOfGeneration, t -> {});
                hops = s.chain();
            }
        }
        out.println("prompt: " + prompt);
        out.println("text:   " + text(tok, chain.tokens()));
        out.println("chain:");
        for (SwarmSession.HopStats h : hops) {
            out.printf("  peer %s  layers %-6s %4d calls  %7.2f ms per call%n", h.peerId().substring(0, 8), h.layers(), h.calls(), h.nanos() / 1e6 / Math.max(1, h.calls()));
        }
        out.printf("chain: prefill %d tokens %.1f tok/s, decode %d tokens %.1f tok/s%n",
                chain.promptTokens(), chain.prefillTokensPerSecond(), chain.tokens().length, chain.decodeTokensPerSecond());

        progress("generating with the whole model in this process...");
        Generator.Result local;
        try (LocalModel m = LocalModel.open(file, threads.get()); Session s = m.newSession(prompted.length + tokens, KvType.F16)) {
            local = Generator.generate(s, prompted, tokens, Sampler.greedy(), tok::isEndOfGeneration, t -> {});
        }
        out.printf("local: prefill %d tokens %.1f tok/s, decode %d tokens %.1f tok/s%n",
                local.promptTokens(), local.prefillTokensPerSecond(), local.tokens().length, local.decodeTokensPerSecond());
        if (Arrays.equals(chain.tokens(), local.tokens())) {
            out.println("chain == local: yes");
            return ExitCodes.OK;
        }
        out.println("chain == local: NO");
        out.println("  chain: " + Arrays.toString(chain.tokens()));
        out.println("  local: " + Arrays.toString(local.tokens()));
        System.err.println("a1 demo: the peer chain generated different tokens than the local model");
        return ExitCodes.FAILURE;
    }

    private static String text(Tokenizer tok, int[] ids) {
        TextDecoder d = tok.streamDecoder();
        StringBuilder s = new StringBuilder();
        for (int t : ids) s.append(d.next(t));
        return s.append(d.flush()).toString();
    }

    private static void progress(String line) {
        System.err.println(line);
    }

    private static void removeQuietly(Path dir) {
        try {
            removeAllBut(dir, null);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** Deletes {@code dir} with everything in it, except {@code keep} (and what is inside it) when not null. */
    private static void removeAllBut(Path dir, Path keep) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (keep != null && (p.startsWith(keep) || keep.startsWith(p))) continue;
                Files.deleteIfExists(p);
            }
        }
    }
}
