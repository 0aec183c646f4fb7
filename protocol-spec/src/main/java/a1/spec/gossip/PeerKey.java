package a1.spec.gossip;

import a1.spec.Digests;
import java.nio.charset.StandardCharsets;

/** Where peers serving a model meet in the DHT: SHA-1 of "a1-peers:" and the model id (a 20-byte info-hash key). */
public final class PeerKey {
    private PeerKey() {}

    public static byte[] forModel(String modelId) {
        return Digests.sha1(("a1-peers:" + modelId).getBytes(StandardCharsets.UTF_8));
    }
}
