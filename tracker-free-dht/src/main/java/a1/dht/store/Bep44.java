package a1.dht.store;

import a1.dht.id.NodeId;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import a1.spec.sign.Ed25519;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** BEP 44 rules: targets, the signed buffer, Ed25519 signing and verification (protocol-spec's). */
public final class Bep44 {

    public static final int MAX_VALUE_BYTES = 1000;
    public static final int MAX_SALT_BYTES = 64;
    public static final int PUBLIC_KEY_BYTES = Ed25519.PUBLIC_KEY_BYTES;
    public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_BYTES;

    private Bep44() {
    }

    /** SHA-1 of the public key followed by the salt (empty salt = no salt). */
    public static NodeId mutableTarget(byte[] publicKey, byte[] salt) {
        return NodeId.sha1(publicKey, salt);
    }

    /** The buffer BEP 44 signs: ["4:salt" len ":" salt] "3:seqi" seq "e1:v" bencoded-value. */
    public static byte[] signedBuffer(byte[] salt, long seq, BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (salt.length > 0) {
            out.writeBytes(("4:salt" + salt.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(salt);
        }
        out.writeBytes(("3:seqi" + seq + "e1:v").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Bencode.encode(value));
        return out.toByteArray();
    }

    public static boolean verify(byte[] publicKey, byte[] salt, long seq, BValue value, byte[] signature) {
        return Ed25519.verify(publicKey, signedBuffer(salt, seq, value), signature);
    }

    public static MutableItem sign(Ed25519KeyPair keys, byte[] salt, long seq, BValue value) {
        byte[] msg = signedBuffer(salt, seq, value);
        byte[] sig = keys.sign(msg);
        return new MutableItem(keys.publicKey(), salt, seq, value, sig);
    }
}
