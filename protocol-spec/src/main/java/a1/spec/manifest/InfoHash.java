package a1.spec.manifest;

import a1.spec.FixedBytes;

/** A BitTorrent v1 info-hash: SHA-1 of the bencoded info dictionary. */
public final class InfoHash extends FixedBytes {
    public static final int LENGTH = 20;

    public InfoHash(byte[] bytes) {
        super(bytes, LENGTH, "an info-hash");
    }

    public static InfoHash ofHex(String hex) {
        return new InfoHash(parseHex(hex, LENGTH, "an info-hash"));
    }
}
