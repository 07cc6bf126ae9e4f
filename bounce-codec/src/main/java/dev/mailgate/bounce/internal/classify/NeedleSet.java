package dev.mailgate.bounce.internal.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Finds which of many literal needles occur in a text in one pass (Aho-Corasick), so that checking the hundreds of
 * phrase needles costs one scan of the diagnostic instead of one scan per needle.
 */
final class NeedleSet {
    private static final int ASCII = 128;

    private static final class Node {
        final int[] next = new int[ASCII];
        Map<Character, Integer> wide;
        int fail;
        final BitSet out = new BitSet();

        Node() {
            java.util.Arrays.fill(next, -1);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final int size;
    /**
     * The automaton flattened for the scan: transitions per state and ASCII character class (state * classes +
     * class), the sign bit set where the target state has outputs; and the outputs. An ASCII character no needle
     * contains leads every state to the root, so all of them share class 0: the table is a fraction of one column per
     * ASCII character (6,000 states x 128 columns made the scan a walk through cache misses), and a state
     * without outputs costs no second look-up. Stored as chars (state in the low 15 bits, the output flag in the top
     * one): half the bytes of ints, so twice as much of the table stays in the cache during a scan.
     */
    private char[] flat;
    private final int[] classOf = new int[ASCII];
    private int classes;
    private int[][] outputs;

    NeedleSet(List<String> needles) {
        nodes.add(new Node());
        for (int id = 0; id < needles.size(); id++) {
            int state = 0;
            for (char c : needles.get(id).toCharArray()) {
                int to = get(state, c);
                if (to < 0) {
                    nodes.add(new Node());
                    to = nodes.size() - 1;
                    put(state, c, to);
                }
                state = to;
            }
            nodes.get(state).out.set(id);
        }
        size = needles.size();
        // breadth-first failure links; missing root transitions go back to the root
        Queue<Integer> queue = new ArrayDeque<>();
        Node root = nodes.get(0);
        for (int c = 0; c < ASCII; c++) {
            if (root.next[c] < 0) {
                root.next[c] = 0;
            } else {
                nodes.get(root.next[c]).fail = 0;
                queue.add(root.next[c]);
            }
        }
        if (root.wide != null) {
            for (int child : root.wide.values()) {
                nodes.get(child).fail = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            Node n = nodes.get(s);
            for (int c = 0; c < ASCII; c++) {
                int child = n.next[c];
                if (child >= 0) {
                    link(child, n.fail, (char) c);
                    queue.add(child);
                }
            }
            if (n.wide != null) {
                for (Map.Entry<Character, Integer> e : n.wide.entrySet()) {
                    link(e.getValue(), n.fail, e.getKey());
                    queue.add(e.getValue());
                }
            }
        }
        flatten();
    }

    private void flatten() {
        char[] representative = new char[ASCII + 1];
        classes = 1;
        for (int c = 0; c < ASCII; c++) {
            boolean used = false;
            for (Node n : nodes) {
                if (n.next[c] > 0) {
                    used = true;
                    break;
                }
            }
            if (used) {
                classOf[c] = classes;
                representative[classes++] = (char) c;
            }
        }
        outputs = new int[nodes.size()][];
        for (int s = 0; s < nodes.size(); s++) {
            outputs[s] = nodes.get(s).out.stream().toArray();
        }
        if (nodes.size() > OUTPUT_FLAG) {
            throw new IllegalStateException(nodes.size() + " states do not fit the table's 15 bits");
        }
        flat = new char[nodes.size() * classes];
        for (int s = 0; s < nodes.size(); s++) {
            // class 0: a character in no needle; the root has no outputs (no needle is empty)
            flat[s * classes] = 0;
            for (int k = 1; k < classes; k++) {
                flat[s * classes + k] = encoded(follow(s, representative[k]));
            }
        }
    }

    private static final int OUTPUT_FLAG = 0x8000;

    private char encoded(int state) {
        return (char) (outputs[state].length > 0 ? state | OUTPUT_FLAG : state);
    }

    /** The goto-or-fail transition of the complete automaton. */
    private int follow(int state, char c) {
        int s = state;
        while (true) {
            int to = get(s, c);
            if (to >= 0) {
                return to;
            }
            if (s == 0) {
                return 0;
            }
            s = nodes.get(s).fail;
        }
    }

    private void link(int child, int parentFail, char c) {
        int f = parentFail;
        while (f != 0 && get(f, c) < 0) {
            f = nodes.get(f).fail;
        }
        int target = get(f, c);
        Node node = nodes.get(child);
        node.fail = target >= 0 && target != child ? target : 0;
        node.out.or(nodes.get(node.fail).out);
    }

    private int get(int state, char c) {
        Node n = nodes.get(state);
        if (c < ASCII) {
            return n.next[c];
        }
        Integer to = n.wide == null ? null : n.wide.get(c);
        return to == null ? -1 : to;
    }

    private void put(int state, char c, int to) {
        Node n = nodes.get(state);
        if (c < ASCII) {
            n.next[c] = to;
        } else {
            if (n.wide == null) {
                n.wide = new HashMap<>();
            }
            n.wide.put(c, to);
        }
    }

    /** The ids of the needles that occur in the text. */
    BitSet find(String text) {
        BitSet found = new BitSet(size);
        char[] table = flat;
        int[] classOf = this.classOf;
        int width = classes;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v = c < ASCII ? table[state * width + classOf[c]] : encoded(follow(state, c));
            state = v & (OUTPUT_FLAG - 1);
            if (v >= OUTPUT_FLAG) {
                for (int id : outputs[state]) {
                    found.set(id);
                }
            }
        }
        return found;
    }
}
