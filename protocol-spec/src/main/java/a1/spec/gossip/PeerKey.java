package a1.spec.gossip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Where peers serving a model meet in the DHT: SHA-1 of "a1-peers:" and the model id (a 20-byte info-hash key). */
public final class PeerKey {
    private PeerKey() {}

    public static byte[] forModel(String modelId) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(("a1-peers:" + modelId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
    }
}
