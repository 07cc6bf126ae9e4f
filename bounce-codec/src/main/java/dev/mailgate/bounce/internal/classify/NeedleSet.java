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
    /** The automaton flattened for the scan: ASCII transitions per state (state * 128 + char) and outputs. */
    private int[] flat;
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
        flat = new int[nodes.size() * ASCII];
        outputs = new int[nodes.size()][];
        for (int s = 0; s < nodes.size(); s++) {
            for (int c = 0; c < ASCII; c++) {
                flat[s * ASCII + c] = follow(s, (char) c);
            }
            outputs[s] = nodes.get(s).out.stream().toArray();
        }
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
        int[] table = flat;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = c < ASCII ? table[state * ASCII + c] : follow(state, c);
            int[] out = outputs[state];
            for (int id : out) {
                found.set(id);
            }
        }
        return found;
    }
}
