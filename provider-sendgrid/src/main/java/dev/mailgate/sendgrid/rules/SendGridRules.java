package dev.mailgate.sendgrid.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SendGrid's rules, ids {@code sendgrid.*}; each cites the page that states it. */
public final class SendGridRules {
    public static final String SINGLE_HEADER = "sendgrid.x-smtpapi-single";
    public static final String VALID_JSON = "sendgrid.x-smtpapi-json";
    public static final String UNIQUE_ARGS_SIZE = "sendgrid.unique-args-size";
    public static final String MAX_RECIPIENTS = "sendgrid.max-recipients";
    public static final String TO_WITH_RCPT = "sendgrid.x-smtpapi-to-without-rcpt-list";

    /** "you can attach an unlimited number of unique arguments to your email up to 10,000 bytes" (Unique Arguments). */
    public static final int MAX_UNIQUE_ARGS_BYTES = 10_000;
    /** "There is a hard limit of 10,000 addresses in a multiple recipient email" (Building an X-SMTPAPI Header). */
    public static final int MAX_SMTPAPI_RECIPIENTS = 10_000;

    private static final String HEADER_DOC = "https://www.twilio.com/docs/sendgrid/for-developers/sending-email/building-an-x-smtpapi-header";
    private static final String ARGS_DOC = "https://www.twilio.com/docs/sendgrid/for-developers/sending-email/unique-arguments";

    private SendGridRules() {
    }

    /** Every SendGrid rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(SINGLE_HEADER, SendGridRules::singleHeader), Rule.of(VALID_JSON, SendGridRules::validJson),
                Rule.of(UNIQUE_ARGS_SIZE, SendGridRules::uniqueArgsSize), Rule.of(MAX_RECIPIENTS, SendGridRules::maxRecipients),
                Rule.of(TO_WITH_RCPT, SendGridRules::toWithRcpt));
    }

    /**
     * "Ensure that you are sending just ONE X-SMTPAPI header per SMTP transaction": SendGrid follows the first and
     * ignores the rest, so a second header's settings would be silently lost. ({@value #HEADER_DOC})
     */
    static List<Violation> singleHeader(RenderedMessage m) {
        int n = m.headers(SmtpApiHeader.NAME).size();
        return n <= 1 ? List.of() : List.of(new Violation(SINGLE_HEADER, SmtpApiHeader.NAME, n + " X-SMTPAPI headers; SendGrid reads "
                + "only the first, so put all settings in one (" + HEADER_DOC + ")"));
    }

    /**
     * The header is "a JSON string" of SMTP API settings; {@code unique_args} "only accepts string values", {@code to}
     * is a list of addresses and {@code category} a string or a list of them. A header SendGrid cannot read would
     * send the message without the settings. ({@value #HEADER_DOC}, {@value #ARGS_DOC})
     */
    static List<Violation> validJson(RenderedMessage m) {
        Optional<SmtpApiHeader> header = SmtpApiHeader.first(m);
        if (header.isEmpty()) {
            return List.of();
        }
        if (header.get().json().isEmpty()) {
            return List.of(new Violation(VALID_JSON, SmtpApiHeader.NAME, "the X-SMTPAPI header " + header.get().problem() + " (" + HEADER_DOC + ")"));
        }
        JsonNode json = header.get().json().get();
        List<Violation> out = new ArrayList<>();
        JsonNode args = json.get("unique_args");
        if (args != null) {
            if (!args.isObject()) {
                out.add(new Violation(VALID_JSON, SmtpApiHeader.NAME, "unique_args must be an object of strings (" + ARGS_DOC + ")"));
            } else {
                for (Map.Entry<String, JsonNode> arg : args.properties()) {
                    if (!arg.getValue().isTextual()) {
                        out.add(new Violation(VALID_JSON, SmtpApiHeader.NAME, "unique_args." + arg.getKey() + " is a " + arg.getValue().getNodeType()
                                + "; SendGrid accepts only string values (" + ARGS_DOC + ")"));
                    }
                }
            }
        }
        JsonNode to = json.get("to");
        if (to != null && !(to.isArray() && allText(to))) {
            out.add(new Violation(VALID_JSON, SmtpApiHeader.NAME, "to must be a list of address strings (" + HEADER_DOC + ")"));
        }
        JsonNode category = json.get("category");
        if (category != null && !category.isTextual() && !(category.isArray() && allText(category))) {
            out.add(new Violation(VALID_JSON, SmtpApiHeader.NAME, "category must be a string or a list of strings (" + HEADER_DOC + ")"));
        }
        return out;
    }

    /** unique_args, serialized, at most {@value #MAX_UNIQUE_ARGS_BYTES} bytes. ({@value #ARGS_DOC}) */
    static List<Violation> uniqueArgsSize(RenderedMessage m) {
        Optional<JsonNode> args = SmtpApiHeader.first(m).flatMap(SmtpApiHeader::json).map(j -> j.get("unique_args"));
        if (args.isEmpty() || args.get() == null) {
            return List.of();
        }
        int bytes = args.get().toString().getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_UNIQUE_ARGS_BYTES ? List.of() : List.of(new Violation(UNIQUE_ARGS_SIZE, SmtpApiHeader.NAME, "unique_args take "
                + bytes + " bytes; SendGrid allows up to " + MAX_UNIQUE_ARGS_BYTES + " (" + ARGS_DOC + ")"));
    }

    /** At most {@value #MAX_SMTPAPI_RECIPIENTS} addresses in the header's {@code to} list. ({@value #HEADER_DOC}) */
    static List<Violation> maxRecipients(RenderedMessage m) {
        int n = smtpApiTo(m);
        return n <= MAX_SMTPAPI_RECIPIENTS ? List.of() : List.of(new Violation(MAX_RECIPIENTS, SmtpApiHeader.NAME, n + " addresses in "
                + "X-SMTPAPI to; SendGrid's hard limit is " + MAX_SMTPAPI_RECIPIENTS + " (it recommends batches of about 1,000) (" + HEADER_DOC + ")"));
    }

    /**
     * "When using the X-SMTPAPI header to send to multiple recipients, you cannot use SMTP's standard RCPT TO command
     * to also send to multiple recipients": the addresses in both would get the message twice. ({@value #HEADER_DOC})
     */
    static List<Violation> toWithRcpt(RenderedMessage m) {
        int rcpt = m.envelope().recipients().size();
        return smtpApiTo(m) == 0 || rcpt <= 1 ? List.of() : List.of(new Violation(TO_WITH_RCPT, "envelope.recipients", "X-SMTPAPI "
                + "has a to list and the envelope has " + rcpt + " recipients; SendGrid would deliver to both lists, so send to "
                + "one envelope recipient (" + HEADER_DOC + ")"));
    }

    private static int smtpApiTo(RenderedMessage m) {
        JsonNode to = SmtpApiHeader.first(m).flatMap(SmtpApiHeader::json).map(j -> j.get("to")).orElse(null);
        return to != null && to.isArray() ? to.size() : 0;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
