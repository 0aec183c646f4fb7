package a1.spec.sign;

import java.io.IOException;

/** A key file that is missing, malformed or readable by others; the message never contains key material. */
public final class KeyFileException extends IOException {
    public KeyFileException(String message) {
        super(message);
    }
}
