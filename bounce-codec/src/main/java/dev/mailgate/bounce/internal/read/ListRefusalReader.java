package dev.mailgate.bounce.internal.read;

import dev.mailgate.bounce.internal.mime.HeaderList;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mailing-list manager's refusal of a post (fml, ezmlm, Mailman, ...): not an MTA bounce but a notice that the
 * list would not take the message because the sender may not post. The "recipient" that failed is the list, named in
 * the notice ("You are not a member of this mailing list &lt;list@example.org&gt;"); the reason is the sender's.
 */
public final class ListRefusalReader {
    /** Headers only list managers write on their own notices (RFC 2369 List-*, fml's X-MLServer / X-ML-Name). */
    private static final String[] LIST_HEADERS = {"X-MLServer", "X-ML-Name", "Mailing-List", "List-Id", "List-Post"};
    /** The words of a refusal; the sentence around them is cut out by hand (a leading wildcard would be quadratic). */
    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)\\bare not (?:a )?member|not a member of|not (?:allowed|permitted) to post|only members (?:may|can) post|"
                    + "post(?:ing)? (?:by|from) non-?members");

    private ListRefusalReader() {
    }

    /** The list that refused, with the notice's sentence as the diagnostic, if this is such a notice. */
    public static Optional<RecipientReading> read(HeaderList headers, String subject, String notification) {
        boolean fromListManager = false;
        for (String name : LIST_HEADERS) {
            fromListManager |= headers.has(name);
        }
        if (!fromListManager) {
            return Optional.empty();
        }
        Matcher m = REFUSAL.matcher(notification);
        if (!m.find()) {
            return Optional.empty();
        }
        // from the start of the sentence (after the last '.' or line break before the words) to the end of the line
        int start = Math.max(notification.lastIndexOf('.', m.start()), notification.lastIndexOf('\n', m.start())) + 1;
        int end = notification.indexOf('\n', m.end());
        String sentence = Replies.collapse(notification.substring(start, end < 0 ? notification.length() : end));
        AddressScan.Found list = AddressScan.first(sentence);
        if (list == null) {
            return Optional.empty();
        }
        return Optional.of(RecipientReading.of(Replies.address(list.address()), sentence, Replies.collapse(subject)));
    }
}
