package a1.dht.rpc;

import a1.dht.id.NodeId;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Write tokens (BEP 5): SHA-1 over a secret, the requester's IP and the target, cut to 8 bytes.
 * The secret rotates every period and the previous one is still accepted, so a token lives between
 * one and two periods. Tokens bind to the target too, as BEP 44 allows. Confined to the event loop.
 */
public final class TokenManager {

    private static final int TOKEN_BYTES = 8;

    private final RandomGenerator random;
    private final long periodMillis;
    private byte[] current;
    private byte[] previous;
    private long rotatedAt;

    public TokenManager(RandomGenerator random, long periodMillis, long now) {
        this.random = random;
        this.periodMillis = periodMillis;
        this.current = secret();
        this.previous = secret();
        this.rotatedAt = now;
    }

    public byte[] token(InetAddress ip, NodeId target, long now) {
        rotate(now);
        return compute(current, ip, target);
    }

    public boolean valid(byte[] token, InetAddress ip, NodeId target, long now) {
        rotate(now);
        return MessageDigest.isEqual(token, compute(current, ip, target))
                || MessageDigest.isEqual(token, compute(previous, ip, target));
    }

    private void rotate(long now) {
        if (now - rotatedAt >= 2 * periodMillis) {
            previous = secret();
            current = secret();
            rotatedAt = now;
        } else if (now - rotatedAt >= periodMillis) {
            previous = current;
            current = secret();
            rotatedAt = now;
        }
    }

    private byte[] secret() {
        byte[] s = new byte[20];
        random.nextBytes(s);
        return s;
    }

    private static byte[] compute(byte[] secret, InetAddress ip, NodeId target) {
        return Arrays.copyOf(NodeId.sha1(secret, ip.getAddress(), target.bytes()).bytes(), TOKEN_BYTES);
    }
}
