package a1.cli;

import a1.peer.gossip.SwarmView;
import a1.peer.node.PeerNode;
import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import a1.spec.gguf.GgufFile;
import a1.spec.wire.Message;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code a1 swarm}: what the inference swarm of a model looks like. */
@Command(name = "swarm", mixinStandardHelpOptions = true, description = "Inspect the inference swarm of a model.",
        subcommands = SwarmCommand.Status.class)
final class SwarmCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Coverage of each layer (peers, throughput) and every peer's range, from a bootstrap peer's gossip state.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "A peer of the swarm.")
        String bootstrap;

        @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL-ID|FILE.gguf", description = "The model (its id, or a local GGUF file).")
        String model;

        @Option(names = "--json", description = "Print JSON instead of tables.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String modelId = model;
            int layers = Message.MAX_LAYERS;
            Path file = Path.of(model);
            if (model.endsWith(".gguf") && Files.isRegularFile(file)) {
                modelId = PeerNode.localModelId(file);
                try (GgufFile g = GgufFile.open(file)) {
                    layers = a1.peer.model.LlamaConfig.from(g.metadata()).layers();
                }
            }
            SwarmView view;
            try (PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
                view = SwarmView.query(c, PeerCommand.parseAddress(bootstrap), modelId, layers);
            }
            System.out.print(json ? json(view) : table(view));
            return view.complete() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        static String table(SwarmView v) {
            StringBuilder s = new StringBuilder();
            s.append("model ").append(v.modelId()).append(": ").append(v.peers().size()).append(" peers, ")
                    .append(v.complete() ? "every layer covered" : "SOME LAYERS UNCOVERED").append('\n');
            s.append(String.format("%-6s %6s %12s%n", "LAYER", "PEERS", "TOKENS/S"));
            for (SwarmView.Layer l : v.coverage()) s.append(String.format("%-6d %6d %12.1f%s%n", l.index(), l.peers(), l.throughput(), l.peers() == 0 ? "  uncovered" : ""));
            s.append(String.format("%n%-8s %-22s %-8s %10s %5s%n", "PEER", "ADDRESS", "LAYERS", "TOKENS/S", "LOAD"));
            for (PeerInfo p : v.peers()) {
                s.append(String.format("%-8s %-22s %-8s %10.1f %5d%n", p.shortId(), p.address().getAddress().getHostAddress() + ":" + p.address().getPort(), p.range(), p.throughput(), p.load()));
            }
            return s.toString();
        }

        static String json(SwarmView v) throws Exception {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = m.createObjectNode().put("model", v.modelId()).put("layers", v.layers()).put("complete", v.complete());
            ArrayNode cov = root.putArray("coverage");
            for (SwarmView.Layer l : v.coverage()) cov.addObject().put("layer", l.index()).put("peers", l.peers()).put("tokens_per_second", l.throughput());
            ArrayNode peers = root.putArray("peers");
            for (PeerInfo p : v.peers()) {
                peers.addObject().put("id", p.id()).put("host", p.address().getAddress().getHostAddress()).put("port", p.address().getPort())
                        .put("layers", p.range().toString()).put("tokens_per_second", p.throughput()).put("load", p.load());
            }
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        }
    }
}
