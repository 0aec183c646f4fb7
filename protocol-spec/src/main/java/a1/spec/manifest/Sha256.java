package a1.spec.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of whole files, streamed through one direct buffer (files may be larger than the heap). */
public final class Sha256 {
    private static final int BUFFER = 1 << 20;

    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    public static byte[] of(Path file) throws IOException {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return md.digest();
    }
}
