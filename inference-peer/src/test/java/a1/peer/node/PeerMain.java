package a1.peer.node;

import a1.peer.relay.LyingRelay;
import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A serving peer in its own JVM for the multi-process tests: {@code PeerMain MODEL.gguf A-B|auto:N
 * [--fault-lie=noise|scale] [BOOTSTRAP-PORT...]} (a fixed range, or choose N layers from the gossip). Prints
 * {@code LISTENING port peer-id} when it serves, then {@code SERVING A-B} whenever its range changes, and runs until
 * killed. The fault-injection switch {@code --fault-lie} puts a {@link LyingRelay} in front of the peer and
 * reports the relay's port and id instead: clients reaching it get corrupted activations.
 */
public final class PeerMain {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        boolean auto = args[1].startsWith("auto:");
        List<InetSocketAddress> bootstrap = new ArrayList<>();
        LyingRelay.Lie lie = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--fault-lie=")) lie = LyingRelay.Lie.valueOf(args[i].substring(12).toUpperCase(java.util.Locale.ROOT));
            else bootstrap.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i])));
        }
        PeerOptions o = PeerOptions.local(model, PeerNode.localModelId(model), auto ? null : LayerRange.parse(args[1]), bootstrap);
        if (auto) o = o.withCapacity(Integer.parseInt(args[1].substring(5)));
        try (PeerNode node = PeerNode.start(o); LyingRelay liar = lie == null ? null : new LyingRelay(node.address(), lie)) {
            if (liar == null) System.out.println("LISTENING " + node.address().getPort() + " " + node.identity().hexId());
            else System.out.println("LISTENING " + liar.address().getPort() + " " + liar.identity().hexId());
            LayerRange shown = null;
            while (true) {
                if (!node.range().equals(shown)) {
                    shown = node.range();
                    System.out.println("SERVING " + shown);
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(1);
        }
    }
}
