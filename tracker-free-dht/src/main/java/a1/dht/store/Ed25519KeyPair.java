package a1.dht.store;

import a1.spec.sign.Ed25519;
import a1.spec.sign.SigningKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.HexFormat;

/**
 * An Ed25519 key pair for BEP 44 mutable items, held as the 32-byte RFC 8032 seed; signing is protocol-spec's
 * {@link SigningKey}. The seed is private: it is never printed (toString hides it) and callers that persist it
 * must use 0600 files.
 */
public final class Ed25519KeyPair {

    private final byte[] seed;
    private final SigningKey key;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.key = SigningKey.fromSeed(seed);
        this.publicKey = key.publicKey();
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SEED_BYTES) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        return new Ed25519KeyPair(seed.clone());
    }

    /** The pair of a publisher key (as {@code a1 keygen} writes and {@link SigningKey#load} reads it). */
    public static Ed25519KeyPair of(SigningKey key) {
        // the JDK form of the key exposes the RFC 8032 seed without our own parsing of the key file
        EdECPrivateKey jdk = (EdECPrivateKey) key.toPrivateKey();
        return new Ed25519KeyPair(jdk.getBytes().orElseThrow(() -> new IllegalArgumentException("key has no seed")));
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SEED_BYTES];
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
        return key.sign(message);
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
