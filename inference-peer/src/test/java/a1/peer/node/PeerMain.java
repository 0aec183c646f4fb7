package a1.peer.node;

import a1.spec.model.LayerRange;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A serving peer in its own JVM for the multi-process tests: {@code PeerMain MODEL.gguf A-B|auto:N [BOOTSTRAP-PORT...]}
 * (a fixed range, or choose N layers from the gossip). Prints {@code LISTENING port peer-id} when it serves, then
 * {@code SERVING A-B} whenever its range changes, and runs until killed.
 */
public final class PeerMain {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        boolean auto = args[1].startsWith("auto:");
        List<InetSocketAddress> bootstrap = new ArrayList<>();
        for (int i = 2; i < args.length; i++) bootstrap.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i])));
        PeerOptions o = PeerOptions.local(model, PeerNode.localModelId(model), auto ? null : LayerRange.parse(args[1]), bootstrap);
        if (auto) o = o.withCapacity(Integer.parseInt(args[1].substring(5)));
        try (PeerNode node = PeerNode.start(o)) {
            System.out.println("LISTENING " + node.address().getPort() + " " + node.identity().hexId());
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
