package dev.mailgate.episerver.rule;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Seed: "If you use an email header code (X-bm-mailing) from Episerver to address a specific mailing, this code
 * must be valid." Valid: one header, a token of 1-64 letters, digits, '_', '.', '-' (the seed gives no grammar),
 * and one of the configured codes when a list is configured.
 */
final class MailingCodeRule implements Rule {
    static final String HEADER = "X-bm-mailing";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private final Set<String> codes;

    MailingCodeRule(Set<String> codes) {
        this.codes = codes;
    }

    @Override
    public String id() {
        return "episerver.mailing-code";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> values = message.headers(HEADER);
        if (values.isEmpty()) {
            return List.of();
        }
        if (values.size() > 1) {
            return List.of(new Violation(id(), HEADER, values.size() + " " + HEADER + " headers; a message addresses one mailing"));
        }
        String code = values.get(0).strip();
        if (!TOKEN.matcher(code).matches()) {
            return List.of(new Violation(id(), HEADER, "\"" + code + "\" is not a valid email header code (1-64 letters, digits, "
                    + "'_', '.', '-'); Episerver: \"this code must be valid\""));
        }
        if (!codes.isEmpty() && !codes.contains(code)) {
            return List.of(new Violation(id(), HEADER, "\"" + code + "\" is not one of the codes configured for this client "
                    + new TreeSet<>(codes)));
        }
        return List.of();
    }
}
