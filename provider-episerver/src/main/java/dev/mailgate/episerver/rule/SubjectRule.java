package dev.mailgate.episerver.rule;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.List;

/** Seed: "The subject must not be empty." Missing, empty and blank (after RFC 2047 decoding) all count as empty. */
final class SubjectRule implements Rule {
    @Override
    public String id() {
        return "episerver.subject";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> subjects = message.headers("Subject");
        if (subjects.isEmpty()) {
            return List.of(new Violation(id(), "Subject", "no Subject header; Episerver: \"The subject must not be empty\""));
        }
        if (subjects.size() > 1) {
            return List.of(new Violation(id(), "Subject", subjects.size() + " Subject headers (RFC 5322 3.6 allows one)"));
        }
        if (decoded(subjects.get(0)).isBlank()) {
            return List.of(new Violation(id(), "Subject", "the subject is blank; Episerver: \"The subject must not be empty\""));
        }
        return List.of();
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }
}
