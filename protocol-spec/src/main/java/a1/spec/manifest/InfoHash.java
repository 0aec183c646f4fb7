package a1.spec.manifest;

import java.util.Arrays;
import java.util.HexFormat;

/** A BitTorrent v1 info-hash: SHA-1 of the bencoded info dictionary. */
public record InfoHash(byte[] bytes) {
    public InfoHash {
        if (bytes == null || bytes.length != 20) throw new IllegalArgumentException("an info-hash has 20 bytes");
        bytes = bytes.clone();
    }

    public static InfoHash ofHex(String hex) {
        if (hex.length() != 40) throw new IllegalArgumentException("an info-hash is 40 hex digits, got '" + hex + "'");
        return new InfoHash(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
