package a1.spec.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A publisher's Ed25519 private key (RFC 8032, via BouncyCastle). The key file (SPEC.md, "Key file") is two text
 * lines, {@value #HEADER} and the 32-byte seed in hex, and must be readable by its owner only: {@link #load}
 * refuses a file with any group or other permission bit. {@link #toString} never shows the key.
 */
public final class SigningKey {
    public static final String HEADER = "a1-ed25519-secret-key-v1";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Ed25519PrivateKeyParameters key;

    private SigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    public static SigningKey generate(SecureRandom random) {
        return new SigningKey(new Ed25519PrivateKeyParameters(random));
    }

    /** The key whose RFC 8032 private key is this 32-byte seed. */
    public static SigningKey fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SEED_BYTES) throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Writes a new key file with permissions 0600; refuses to overwrite an existing one. */
    public void save(Path file) throws IOException {
        String text = HEADER + "\n" + HexFormat.of().formatHex(key.getEncoded()) + "\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException("key file " + file + " already exists; not overwriting it");
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY); // the umask may have removed bits, never added them
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    public static SigningKey load(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + file + " does not exist");
        }
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new KeyFileException("key file " + file + " has permissions " + PosixFilePermissions.toString(perms)
                    + "; it must be readable by its owner only (chmod 600)");
        }
        if (Files.size(file) > 256) throw new KeyFileException("key file " + file + " is not an A1 key file (too long)");
        String[] lines = Files.readString(file, StandardCharsets.ISO_8859_1).split("\n");
        if (lines.length != 2 || !lines[0].equals(HEADER) || !lines[1].matches("[0-9a-f]{64}")) {
            throw new KeyFileException("key file " + file + " is not an A1 key file (expected '" + HEADER + "' and 64 hex digits)");
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(HexFormat.of().parseHex(lines[1]), 0));
    }

    public byte[] publicKey() {
        return key.generatePublicKey().getEncoded();
    }

    /** The same key as a JDK {@link PrivateKey} (algorithm EdDSA), for APIs such as TLS that take one. */
    public PrivateKey toPrivateKey() {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519 key factory", e);
        }
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SigningKey(public " + HexFormat.of().formatHex(publicKey()) + ")";
    }
}
