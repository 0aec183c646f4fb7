package a1.swarm.dht;

import a1.dht.id.NodeId;
import a1.dht.store.Ed25519KeyPair;
import a1.spec.manifest.InfoHash;
import a1.spec.manifest.ModelId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The DHT keys A1 uses (SPEC.md 9.1, "Keys"); anyone who knows a model id can compute them. */
public final class DhtKeys {
    static final String INDEX_DOMAIN = "a1-manifest-index-v1\0";
    static final String PEERS_PREFIX = "a1-peers:";

    private DhtKeys() {}

    /** Seeders of the weights: the torrent's BitTorrent info-hash itself, so any BitTorrent client finds them too. */
    public static NodeId weightPeers(InfoHash infoHash) {
        return NodeId.of(infoHash.bytes());
    }

    /** Inference peers of a model: SHA-1 of the ASCII text {@code "a1-peers:" + model id hex}. */
    public static NodeId inferencePeers(ModelId id) {
        return NodeId.sha1((PEERS_PREFIX + id.hex()).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The key pair of a model's manifest index: the Ed25519 seed is SHA-256 of {@value #INDEX_DOMAIN} followed by
     * the 32 model-id bytes. It is public by design; the index is trusted only after what it points to checks out.
     */
    public static Ed25519KeyPair manifestIndex(ModelId id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(INDEX_DOMAIN.getBytes(StandardCharsets.US_ASCII));
            sha.update(id.bytes());
            return Ed25519KeyPair.fromSeed(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
