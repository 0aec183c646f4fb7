package a1.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/** The two hashes A1 uses: SHA-1 (BitTorrent pieces, info-hashes, DHT keys) and SHA-256 (shards, model ids). */
public final class Digests {
    private static final int FILE_BUFFER = 1 << 20;

    private Digests() {}

    public static MessageDigest newSha1() {
        return digest("SHA-1");
    }

    public static MessageDigest newSha256() {
        return digest("SHA-256");
    }

    /** SHA-1 of the parts, one after the other. */
    public static byte[] sha1(byte[]... parts) {
        MessageDigest md = newSha1();
        for (byte[] p : parts) md.update(p);
        return md.digest();
    }

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    /** SHA-256 of a whole file, streamed through one direct buffer (files may be larger than the heap). */
    public static byte[] sha256(Path file) throws IOException {
        return sha256(file, n -> {});
    }

    /** As {@link #sha256(Path)}, telling {@code hashed} each count of bytes as it is hashed (for progress bars). */
    public static byte[] sha256(Path file, LongConsumer hashed) throws IOException {
        MessageDigest md = newSha256();
        ByteBuffer buf = ByteBuffer.allocateDirect(FILE_BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                hashed.accept(buf.remaining());
                md.update(buf);
                buf.clear();
            }
        }
        return md.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java runtime has " + algorithm, e);
        }
    }
}
