package a1.spec;

/**
 * Refusals of outside input quote what they refuse (a key, a file name, a method); this keeps such a message on one
 * bounded line whatever the input held, so a hostile peer cannot forge log lines or flood a log with one error.
 */
public final class OneLine {
    /** Longer messages are cut: enough to name any field A1 reads, and the start of any quoted value. */
    public static final int MAX_CHARS = 400;

    private OneLine() {}

    /** {@code message} with control and line-separator characters escaped as {@code \}{@code uXXXX}, cut after {@link #MAX_CHARS}. */
    public static String of(String message) {
        if (message == null) return null;
        StringBuilder sb = new StringBuilder(Math.min(message.length(), MAX_CHARS) + 3);
        for (int i = 0; i < message.length(); i++) {
            if (sb.length() >= MAX_CHARS) return sb.append("...").toString();
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
