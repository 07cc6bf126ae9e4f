package dev.mailgate.cli.render;

/** The message JSON is malformed or does not describe a valid message; says where ({@code $.attachments[1].file}). */
public final class MessageJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MessageJsonException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
