package a1.peer.relay;

import java.io.IOException;

/** A peer could not be reached, did not answer in time, broke the protocol or refused a request. */
public class RelayException extends IOException {
    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
