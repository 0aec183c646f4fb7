package a1.dht.store;

import a1.dht.id.NodeId;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;

/**
 * A BEP 44 mutable item as carried by put requests and get responses. The constructor checks only
 * shapes and sizes; {@link #verify()} checks the signature.
 */
public record MutableItem(byte[] publicKey, byte[] salt, long seq, BValue value, byte[] signature) implements Item {

    public MutableItem {
        if (publicKey.length != Bep44.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("public key must be 32 bytes, got " + publicKey.length);
        }
        if (salt.length > Bep44.MAX_SALT_BYTES) {
            throw new IllegalArgumentException("salt is " + salt.length + " bytes, limit " + Bep44.MAX_SALT_BYTES);
        }
        if (signature.length != Bep44.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("signature must be 64 bytes, got " + signature.length);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("sequence number must not be negative, got " + seq);
        }
        int size = Bencode.encode(value).length;
        if (size > Bep44.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("item value is " + size + " bytes, limit " + Bep44.MAX_VALUE_BYTES);
        }
        publicKey = publicKey.clone();
        salt = salt.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public NodeId target() {
        return Bep44.mutableTarget(publicKey, salt);
    }

    public boolean verify() {
        return Bep44.verify(publicKey, salt, seq, value, signature);
    }

    /** Same signed content (key, salt, seq, value, signature). */
    public boolean sameAs(MutableItem other) {
        return seq == other.seq && java.util.Arrays.equals(publicKey, other.publicKey)
                && java.util.Arrays.equals(salt, other.salt) && java.util.Arrays.equals(signature, other.signature)
                && value.equals(other.value);
    }
}
