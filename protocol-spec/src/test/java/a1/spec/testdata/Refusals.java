package a1.spec.testdata;

/** What every fuzz target demands of a decoder's refusal: its own exception type, and a message on one line. */
public final class Refusals {
    private Refusals() {}

    /** Fails unless {@code e} says what is wrong in one non-blank line. */
    public static void assertOneLine(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
            throw new AssertionError(e.getClass().getSimpleName() + " without a one-line message: " + m, e);
        }
    }
}
