package a1.cli;

import a1.cli.options.NetworkOptions;
import a1.cli.progress.ProgressBar;
import a1.cli.swarm.Network;
import a1.cli.swarm.SwarmWatch;
import a1.peer.gossip.SwarmView;
import a1.peer.node.PeerNode;
import a1.peer.routing.PeerInfo;
import a1.spec.manifest.ModelId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 swarm}: what the inference swarm of a model looks like. */
@Command(name = "swarm", mixinStandardHelpOptions = true, description = "Inspect the inference swarm of a model.",
        subcommands = SwarmCommand.Status.class)
final class SwarmCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Coverage of each layer (peers, throughput) and every peer's range, from the peers' signed gossip (peers found through the DHT).",
                    "Exit code 0 when every layer is covered, 1 when not (without --watch)."})
    static final class Status implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL-ID|FILE.gguf", description = "The model (its id, or a local GGUF file its peers serve).")
        String model;

        @Mixin
        NetworkOptions network;

        @Option(names = "--port", defaultValue = "0", description = "UDP port of this command's DHT node; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--json", description = "Print JSON instead of tables (with --watch, one JSON document per line).")
        boolean json;

        @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "2",
                description = "Refresh every SECONDS (default 2) until Ctrl-C: redrawn in place on a terminal, repeated otherwise.")
        Integer watch;

        @Override
        public Integer call() throws Exception {
            if (watch != null && watch < 1) throw new IllegalArgumentException("--watch must be at least 1 second");
            if (network.contacts().isEmpty()) throw new IllegalArgumentException("give --bootstrap HOST:PORT (a DHT contact) or set bootstrap in config.toml");
            try (Network net = Network.join(network, port)) {
                String modelId;
                int layers;
                Path file = Path.of(model);
                if (Files.isRegularFile(file)) {
                    modelId = PeerNode.localModelId(file);
                    layers = a1.peer.model.LlamaConfig.read(file).layers();
                } else {
                    ModelId id = ModelId.ofHex(model.toLowerCase());
                    modelId = id.hex();
                    layers = net.manifest(id).manifest().info().layerCount();
                }
                try (SwarmWatch swarm = new SwarmWatch(net, modelId, layers)) {
                    if (watch == null) {
                        SwarmView view = swarm.view();
                        System.out.print(json ? json(view, true) : table(view));
                        return view.complete() ? ExitCodes.OK : ExitCodes.FAILURE;
                    }
                    boolean live = ProgressBar.isTerminal() && !json;
                    while (true) {
                        SwarmView view = swarm.view();
                        String now = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
                        if (json) System.out.print(json(view, false));
                        else if (live) System.out.print("\u001b[H\u001b[2J" + now + "  (every " + watch + " s, Ctrl-C quits)\n" + table(view));
                        else System.out.print(now + "\n" + table(view) + "\n");
                        System.out.flush();
                        Thread.sleep(watch * 1000L);
                    }
                }
            }
        }

        static String table(SwarmView v) {
            StringBuilder s = new StringBuilder();
            s.append("model ").append(v.modelId()).append(": ").append(v.peers().size()).append(v.peers().size() == 1 ? " peer, " : " peers, ")
                    .append(v.complete() ? "every layer covered" : "SOME LAYERS UNCOVERED").append('\n');
            s.append(String.format("%-6s %6s %12s%n", "LAYER", "PEERS", "TOKENS/S"));
            for (SwarmView.Layer l : v.coverage()) s.append(String.format("%-6d %6d %12.1f%s%n", l.index(), l.peers(), l.throughput(), l.peers() == 0 ? "  uncovered" : ""));
            s.append(String.format("%n%-8s %-22s %-8s %10s %5s%n", "PEER", "ADDRESS", "LAYERS", "TOKENS/S", "LOAD"));
            for (PeerInfo p : v.peers()) {
                s.append(String.format("%-8s %-22s %-8s %10.1f %5d%n", p.shortId(), p.address().getAddress().getHostAddress() + ":" + p.address().getPort(), p.range(), p.throughput(), p.load()));
            }
            return s.toString();
        }

        static String json(SwarmView v, boolean pretty) throws Exception {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode().put("model", v.modelId()).put("layers", v.layers()).put("complete", v.complete());
            ArrayNode cov = root.putArray("coverage");
            for (SwarmView.Layer l : v.coverage()) cov.addObject().put("layer", l.index()).put("peers", l.peers()).put("tokens_per_second", l.throughput());
            ArrayNode peers = root.putArray("peers");
            for (PeerInfo p : v.peers()) {
                peers.addObject().put("id", p.id()).put("host", p.address().getAddress().getHostAddress()).put("port", p.address().getPort())
                        .put("layers", p.range().toString()).put("tokens_per_second", p.throughput()).put("load", p.load());
            }
            return (pretty ? m.writerWithDefaultPrettyPrinter() : m.writer()).writeValueAsString(root) + "\n";
        }
    }
}
