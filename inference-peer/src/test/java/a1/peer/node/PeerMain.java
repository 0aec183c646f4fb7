package a1.peer.node;

import a1.peer.relay.PeerIdentity;
import a1.peer.relay.RelayConfig;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A serving peer in its own JVM for the multi-process tests: {@code PeerMain MODEL.gguf A-B}. Prints
 * {@code LISTENING port peer-id} when it serves, then runs until killed.
 */
public final class PeerMain {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        try (PeerNode node = PeerNode.start(model, PeerNode.localModelId(model), LayerRange.parse(args[1]), PeerIdentity.generate(),
                RelayConfig.defaults(), new InetSocketAddress("127.0.0.1", 0), 1)) {
            System.out.println("LISTENING " + node.address().getPort() + " " + node.identity().hexId());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } catch (Exception e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(1);
        }
    }
}
