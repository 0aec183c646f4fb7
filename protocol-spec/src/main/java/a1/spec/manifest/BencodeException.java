package a1.spec.manifest;

import java.io.IOException;

/** Bytes that are not canonical bencode; the message says what and where. */
public final class BencodeException extends IOException {
    public BencodeException(String message) {
        super(message);
    }
}
