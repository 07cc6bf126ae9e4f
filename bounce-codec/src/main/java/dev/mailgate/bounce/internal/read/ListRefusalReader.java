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
    private static final Pattern REFUSAL = Pattern.compile(
            "(?i)[^\\n.]*(?:\\bare not (?:a )?member|not a member of|not (?:allowed|permitted) to post|only members (?:may|can) post|"
                    + "post(?:ing)? (?:by|from) non-?members)[^\\n]*");

    private ListRefusalReader() {
    }

    /** The list that refused, with the notice's sentence as the diagnostic, if this is such a notice. */
    public static Optional<Finding> read(HeaderList headers, String subject, String notification) {
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
        String sentence = Replies.collapse(m.group());
        AddressScan.Found list = AddressScan.first(sentence);
        if (list == null) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(Replies.address(list.address()), sentence, Replies.collapse(subject)));
    }
}
