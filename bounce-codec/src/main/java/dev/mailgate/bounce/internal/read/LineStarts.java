package dev.mailgate.bounce.internal.read;

import java.util.Arrays;

/**
 * The line of any position of a text, by binary search over the line starts found in one pass. Looking backwards
 * for the line feed from each of many positions on one long line costs the square of the line's length.
 */
final class LineStarts {
    private final int[] starts;
    private final int length;

    LineStarts(String text) {
        length = text.length();
        int count = 1;
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        starts = new int[count];
        int k = 1;
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
    }

    /** The start of the line {@code position} is on (just after a line feed, or 0). */
    int startOf(int position) {
        return starts[line(position)];
    }

    /** The end of that line (its line feed, or the text's end). */
    int endOf(int position) {
        int line = line(position);
        return line + 1 < starts.length ? starts[line + 1] - 1 : length;
    }

    private int line(int position) {
        int i = Arrays.binarySearch(starts, position);
        return i >= 0 ? i : -i - 2;
    }
}
