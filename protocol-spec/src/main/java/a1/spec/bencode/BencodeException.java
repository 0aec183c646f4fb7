package a1.spec.bencode;

import a1.spec.OneLine;

/** Input is not canonical bencoding; the message says what is wrong and where. */
public final class BencodeException extends RuntimeException {

    public BencodeException(String message) {
        super(OneLine.of(message));
    }
}
