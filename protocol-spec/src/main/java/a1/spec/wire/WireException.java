package a1.spec.wire;

import a1.spec.OneLine;

/** A frame that does not follow the relay wire format (SPEC.md section 10, "Frames"). */
public final class WireException extends RuntimeException {
    public WireException(String message) {
        super(OneLine.of(message));
    }
}
