package a1.dht.store;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair for BEP 44 mutable items, held as the 32-byte RFC 8032 seed. The seed is
 * private: it is never printed (toString hides it) and callers that persist it must use 0600 files.
 */
public final class Ed25519KeyPair {

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        return new Ed25519KeyPair(seed.clone());
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        random.nextBytes(seed);
        return new Ed25519KeyPair(seed);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] seed() {
        return seed.clone();
    }

    byte[] sign(byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
}
