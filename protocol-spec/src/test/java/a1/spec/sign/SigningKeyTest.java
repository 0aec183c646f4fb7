package a1.spec.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files are created 0600, refused when looser, and never leak the secret through toString or errors. */
class SigningKeyTest {
    @TempDir
    Path tmp;

    @Test
    void savedKeyIsOwnerOnlyAndLoadsBack() throws Exception {
        SigningKey k = SigningKey.generate(new SecureRandom());
        Path f = tmp.resolve("key");
        k.save(f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        SigningKey back = SigningKey.load(f);
        assertArrayEquals(k.publicKey(), back.publicKey());
        byte[] msg = {1, 2, 3};
        assertTrue(Ed25519.verify(k.publicKey(), msg, back.sign(msg)));
        assertFalse(Ed25519.verify(k.publicKey(), new byte[] {1, 2, 4}, back.sign(msg)));
        assertThrows(KeyFileException.class, () -> k.save(f), "never overwrites a key");
    }

    @Test
    void theJdkKeySignsTheSameBytesAsBouncyCastle() throws Exception {
        SigningKey k = SigningKey.generate(new SecureRandom());
        byte[] msg = "a1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(k.toPrivateKey());
        jdk.update(msg);
        // Ed25519 signatures are deterministic (RFC 8032), so one key gives one signature whichever library signs.
        assertArrayEquals(k.sign(msg), jdk.sign());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----r--", "rwx------"})
    void looserPermissionsAreRefused(String perms) throws Exception {
        Path f = tmp.resolve("key");
        SigningKey.generate(new SecureRandom()).save(f);
        String secret = Files.readString(f).split("\n")[1];
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        KeyFileException e = assertThrows(KeyFileException.class, () -> SigningKey.load(f));
        assertTrue(e.getMessage().contains("chmod 600") || e.getMessage().contains("owner only"), e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    void toStringShowsOnlyThePublicKey() throws Exception {
        Path f = tmp.resolve("key");
        SigningKey k = SigningKey.generate(new SecureRandom());
        k.save(f);
        String secret = Files.readString(f).split("\n")[1];
        assertFalse(k.toString().contains(secret));
        assertTrue(k.toString().contains(HexFormat.of().formatHex(k.publicKey())));
    }

    @Test
    void malformedKeyFileIsRefusedWithoutEcho() throws Exception {
        Path f = tmp.resolve("key");
        Files.writeString(f, "a1-ed25519-secret-key-v1\nnothex\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        KeyFileException e = assertThrows(KeyFileException.class, () -> SigningKey.load(f));
        assertFalse(e.getMessage().contains("nothex"));
    }
}
